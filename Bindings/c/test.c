/*
 * test.c: checks libCrossroadsC through its header only. Run by Bindings/c/run (and so by .ci/run),
 * also under valgrind.
 *
 *     test PACKAGE_ROOT [EXAMPLES]
 *
 * With EXAMPLES, only that many examples are compared with their golden reports and each thread scores
 * once (for the valgrind run, where everything is about 50 times slower).
 * Reads the example answers and golden reports from PACKAGE_ROOT/Reports/examples and the shipped
 * questionnaires from PACKAGE_ROOT/Questionnaires. Prints one line per check; exits 1 if any failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossroads.h"

#define DATE "2026-11-27"
#define THREADS 8
static int rounds = 3;

static int failures = 0, checks = 0;

static void check(int ok, const char *what, const char *detail) {
    checks++;
    if (ok) return;
    failures++;
    printf("FAIL: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
}

/* A whole file, malloc'd and NUL-terminated; exits if it can't be read (the test's own input). */
static char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) { printf("FAIL: cannot read %s\n", path); exit(1); }
    size_t capacity = 4096, used = 0;
    char *bytes = malloc(capacity + 1);
    for (;;) {
        if (bytes == NULL) { printf("FAIL: out of memory\n"); exit(1); }
        used += fread(bytes + used, 1, capacity - used, file);
        if (used < capacity) break;
        capacity *= 2;
        bytes = realloc(bytes, capacity + 1);
    }
    fclose(file);
    bytes[used] = '\0';
    if (length) *length = used;
    return bytes;
}

static char *path_join(const char *a, const char *b, const char *c) {
    size_t size = strlen(a) + strlen(b) + strlen(c) + 1;
    char *path = malloc(size);
    if (path == NULL) { printf("FAIL: out of memory\n"); exit(1); }
    snprintf(path, size, "%s%s%s", a, b, c);
    return path;
}

/* Scores and returns the report, or NULL; *error as the library set it. */
static char *score(const crossroads_assessment *assessment, const char *answers, size_t length,
                   const char *format, int width, const char *date, size_t *report_length, crossroads_error **error) {
    return crossroads_score(assessment, answers, length, format, width, date, report_length, error);
}

/* Expects a failure with `status` whose message contains `part`; frees the error. */
static void expect_error(void *result, crossroads_error *error, int status, const char *part, const char *what) {
    check(result == NULL, what, "returned a result");
    check(error != NULL, what, "no error");
    if (error == NULL) return;
    char detail[600];
    snprintf(detail, sizeof detail, "status %d (expected %d), message: %.480s", error->status, status,
             error->message ? error->message : "(NULL)");
    check(error->status == status, what, detail);
    check(error->message != NULL && strstr(error->message, part) != NULL, what, detail);
    crossroads_error_free(error);
}

static const char *root;
static crossroads_assessment *bundled;
static char **names;
static size_t name_count;

static void test_version(void) {
    const char *version = crossroads_version();
    int major, minor, patch;
    check(version != NULL && sscanf(version, "%d.%d.%d", &major, &minor, &patch) == 3, "version is N.N.N", version);
    check(crossroads_abi_version() == CROSSROADS_ABI_VERSION, "ABI version matches the header", NULL);
}

static void test_bundled(void) {
    crossroads_error dummy = {0, NULL};
    crossroads_error *error = &dummy; /* must be set to NULL on success */
    bundled = crossroads_assessment_bundled(NULL, &error);
    check(bundled != NULL && error == NULL, "bundled(NULL) loads the shipped assessment", error ? error->message : NULL);
    if (bundled == NULL) exit(1);
    crossroads_assessment *named = crossroads_assessment_bundled("should-we-get-back-together", NULL);
    check(named != NULL, "bundled by its id", NULL);
    crossroads_assessment_free(named);

    error = NULL;
    void *none = crossroads_assessment_bundled("no-such-assessment", &error);
    expect_error(none, error, CROSSROADS_STATUS_INVALID, "no-such-assessment", "an unknown bundled id");
    check(crossroads_assessment_bundled("no-such-assessment", NULL) == NULL, "an unknown id without error", NULL);
    error = NULL;
    none = crossroads_assessment_bundled("\xff\xfe", &error);
    expect_error(none, error, CROSSROADS_STATUS_USAGE, "UTF-8", "an id that is not UTF-8");
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_examples(void) {
    char *folder = path_join(root, "/Reports/examples", "");
    DIR *dir = opendir(folder);
    if (dir == NULL) { printf("FAIL: cannot list %s\n", folder); exit(1); }
    size_t capacity = 64;
    names = malloc(capacity * sizeof *names);
    struct dirent *entry;
    const char *suffix = ".answers.xml";
    while ((entry = readdir(dir)) != NULL) {
        size_t n = strlen(entry->d_name), s = strlen(suffix);
        if (n <= s || strcmp(entry->d_name + n - s, suffix) != 0) continue;
        if (name_count == capacity) names = realloc(names, (capacity *= 2) * sizeof *names);
        names[name_count] = malloc(n - s + 1);
        memcpy(names[name_count], entry->d_name, n - s);
        names[name_count][n - s] = '\0';
        name_count++;
    }
    closedir(dir);
    free(folder);
    qsort(names, name_count, sizeof *names, compare_names);
    check(name_count >= 5, "Reports/examples has example answers", NULL);
}

static char *example_file(const char *name, const char *suffix) {
    char *base = path_join(root, "/Reports/examples/", name);
    char *path = path_join(base, suffix, "");
    free(base);
    return path;
}

/* Every example, in both formats, is byte for byte its golden report. */
static void test_goldens(size_t golden_limit) {
    for (size_t i = 0; i < name_count && i < golden_limit; i++) {
        char *path = example_file(names[i], ".answers.xml");
        size_t length;
        char *answers = read_file(path, &length);
        free(path);
        const char *formats[] = {"text", "xml"};
        const char *suffixes[] = {".report.txt", ".report.xml"};
        for (int f = 0; f < 2; f++) {
            char *golden_path = example_file(names[i], suffixes[f]);
            size_t golden_length;
            char *golden = read_file(golden_path, &golden_length);
            crossroads_error *error = NULL;
            size_t report_length = 12345;
            char *report = score(bundled, answers, length, formats[f], 0, DATE, &report_length, &error);
            char what[300];
            snprintf(what, sizeof what, "%s scored as %s equals %s", names[i], formats[f], golden_path);
            check(report != NULL && error == NULL, what, error ? error->message : NULL);
            if (report != NULL) {
                check(report_length == strlen(report), what, "report_length is not the string's length");
                check(report_length == golden_length && memcmp(report, golden, golden_length) == 0, what,
                      "the bytes differ");
            }
            crossroads_string_free(report);
            crossroads_error_free(error);
            free(golden);
            free(golden_path);
        }
        free(answers);
    }
}

static char *mixed;
static size_t mixed_length;

/* A broken answers file gives a located error, at the line of the broken answer. */
static void test_broken_answers(void) {
    char *path = example_file("mixed", ".answers.xml");
    mixed = read_file(path, &mixed_length);
    free(path);

    /* An answer to an item the assessment does not have. */
    const char *marker = "<answer item=\"";
    char *at = strstr(mixed, marker);
    check(at != NULL, "mixed.answers.xml has an answer", NULL);
    if (at == NULL) return;
    at = strstr(at + 1, marker); /* the second answer */
    int line = 1;
    for (const char *p = mixed; p < at; p++) line += *p == '\n';
    size_t prefix = (size_t)(at - mixed) + strlen(marker);
    const char *insert = "no-such.";
    char *broken = malloc(mixed_length + strlen(insert) + 1);
    memcpy(broken, mixed, prefix);
    memcpy(broken + prefix, insert, strlen(insert));
    memcpy(broken + prefix + strlen(insert), mixed + prefix, mixed_length - prefix + 1);
    size_t broken_length = mixed_length + strlen(insert);

    crossroads_error *error = NULL;
    size_t report_length = 99;
    char *report = score(bundled, broken, broken_length, "text", 0, DATE, &report_length, &error);
    char expected[64];
    snprintf(expected, sizeof expected, "<answers>:%d:", line);
    check(report_length == 0, "report_length is 0 on failure", NULL);
    if (error != NULL) {
        check(strncmp(error->message, expected, strlen(expected)) == 0, "the error is located at the answer's line",
              error->message);
        check(strchr(error->message, '\n') == NULL, "one diagnostic, one line", error->message);
    }
    expect_error(report, error, CROSSROADS_STATUS_INVALID, ": error: \"no-such.", "an answer to an unknown item");

    /* Not well-formed: cut in the middle. */
    error = NULL;
    report = score(bundled, mixed, mixed_length / 2, "xml", 0, DATE, NULL, &error);
    expect_error(report, error, CROSSROADS_STATUS_INVALID, "<answers>:", "answers cut in half");

    /* Several problems: every one reported, one per line. */
    char *twice = malloc(broken_length + 1);
    memcpy(twice, broken, broken_length + 1);
    char *second = strstr(strstr(twice, marker) + 1, marker);
    second = strstr(second + 1, marker); /* the third answer */
    second[strlen(marker)] = 'X';
    error = NULL;
    report = score(bundled, twice, broken_length, "text", 0, DATE, NULL, &error);
    check(error != NULL && strchr(error->message, '\n') != NULL && error->message[strlen(error->message) - 1] != '\n',
          "two problems give two lines, no trailing newline", error ? error->message : NULL);
    expect_error(report, error, CROSSROADS_STATUS_INVALID, "<answers>:", "two broken answers");
    free(twice);
    free(broken);

    /* Bytes that are not UTF-8, binary data, nothing at all, too much. */
    error = NULL;
    report = score(bundled, "\xff\xfe<\0a\0", 6, "text", 0, DATE, NULL, &error);
    expect_error(report, error, CROSSROADS_STATUS_INVALID, "<answers>", "binary answers");
    error = NULL;
    report = score(bundled, "", 0, "text", 0, DATE, NULL, &error);
    expect_error(report, error, CROSSROADS_STATUS_INVALID, "<answers>", "empty answers");
    size_t huge = 2 * 1024 * 1024 + 1;
    char *big = malloc(huge);
    memset(big, ' ', huge);
    memcpy(big, mixed, mixed_length);
    error = NULL;
    report = score(bundled, big, huge, "text", 0, DATE, NULL, &error);
    expect_error(report, error, CROSSROADS_STATUS_INVALID, "larger", "answers over 2 MiB");
    free(big);

    /* Answers for another version of the assessment. */
    char *other = malloc(mixed_length + 1);
    memcpy(other, mixed, mixed_length + 1);
    char *version = strstr(strstr(other, "<answers"), " version=\"");
    if (version != NULL) version[10] = version[10] == '9' ? '8' : '9';
    error = NULL;
    report = score(bundled, other, mixed_length, "text", 0, DATE, NULL, &error);
    expect_error(report, error, CROSSROADS_STATUS_INVALID, "<answers>:2:", "answers for another version");
    free(other);
}

static void test_bad_arguments(void) {
    crossroads_error *error = NULL;
    char *report = score(NULL, mixed, mixed_length, "text", 0, DATE, NULL, &error);
    expect_error(report, error, CROSSROADS_STATUS_USAGE, "assessment", "a NULL assessment");
    error = NULL;
    report = score(bundled, NULL, 10, "text", 0, DATE, NULL, &error);
    expect_error(report, error, CROSSROADS_STATUS_USAGE, "answers", "NULL answers");
    error = NULL;
    report = score(bundled, mixed, mixed_length, NULL, 0, DATE, NULL, &error);
    expect_error(report, error, CROSSROADS_STATUS_USAGE, "format", "a NULL format");
    const char *formats[] = {"TEXT", "no-such-format", "", "text ", "t\x1b[2Jx"};
    for (int i = 0; i < 5; i++) {
        error = NULL;
        report = score(bundled, mixed, mixed_length, formats[i], 0, DATE, NULL, &error);
        if (error != NULL) {
            check(strchr(error->message, '\x1b') == NULL, "a control character in a format is escaped in the message",
                  error->message);
        }
        expect_error(report, error, CROSSROADS_STATUS_USAGE, "the formats are: text", "an unknown format");
    }
    int widths[] = {-1, 1, 19, 1001, 100000};
    for (int i = 0; i < 5; i++) {
        error = NULL;
        report = score(bundled, mixed, mixed_length, "text", widths[i], DATE, NULL, &error);
        expect_error(report, error, CROSSROADS_STATUS_USAGE, "width", "a width out of range");
    }
    const char *dates[] = {"", "2026-02-29", "2026-13-01", "26-01-01", "2026-1-01", "2026-01-01 ", "yesterday"};
    for (int i = 0; i < 7; i++) {
        error = NULL;
        report = score(bundled, mixed, mixed_length, "text", 0, dates[i], NULL, &error);
        expect_error(report, error, CROSSROADS_STATUS_USAGE, "date", "a date that is not a real YYYY-MM-DD");
    }
    report = score(bundled, mixed, mixed_length, "nope", 0, DATE, NULL, NULL);
    check(report == NULL, "a failure with no error pointer returns NULL", NULL);

    /* The edges that are allowed. */
    int good_widths[] = {20, 1000};
    for (int i = 0; i < 2; i++) {
        error = NULL;
        report = score(bundled, mixed, mixed_length, "text", good_widths[i], "2024-02-29", NULL, &error);
        check(report != NULL && error == NULL, "width 20 and 1000, a leap day", error ? error->message : NULL);
        crossroads_string_free(report);
        crossroads_error_free(error);
    }
    error = NULL;
    report = score(bundled, mixed, mixed_length, "text", 0, NULL, NULL, &error);
    check(report != NULL && error == NULL, "a NULL date means today", error ? error->message : NULL);
    crossroads_string_free(report);
    crossroads_error_free(error);

    /* Width 0 is 80. */
    char *zero = score(bundled, mixed, mixed_length, "text", 0, DATE, NULL, NULL);
    char *eighty = score(bundled, mixed, mixed_length, "text", 80, DATE, NULL, NULL);
    char *narrow = score(bundled, mixed, mixed_length, "text", 40, DATE, NULL, NULL);
    check(zero && eighty && narrow && strcmp(zero, eighty) == 0 && strcmp(zero, narrow) != 0, "width 0 means 80",
          NULL);
    crossroads_string_free(zero);
    crossroads_string_free(eighty);
    crossroads_string_free(narrow);

    crossroads_string_free(NULL);
    crossroads_error_free(NULL);
    crossroads_assessment_free(NULL);
    check(1, "the free functions accept NULL", NULL);
}

/* Loading the shipped assessment from its files gives the same reports as the bundled one. */
static void test_load(void) {
    const char *files[] = {"safety-screen.xml", "where-you-are-now.xml", "honest-questions.xml",
                           "why-you-want-them-back.xml", "good-signs.xml", "let-go-signs.xml", "sureness.xml"};
    enum { COUNT = sizeof files / sizeof files[0] };
    char *includes[COUNT];
    size_t lengths[COUNT];
    for (int i = 0; i < COUNT; i++) {
        char *path = path_join(root, "/Questionnaires/", files[i]);
        includes[i] = read_file(path, &lengths[i]);
        free(path);
    }
    char *path = path_join(root, "/Questionnaires/", "should-we-get-back-together.xml");
    size_t length;
    char *xml = read_file(path, &length);
    free(path);

    char *expected = score(bundled, mixed, mixed_length, "xml", 0, DATE, NULL, NULL);
    crossroads_error *error = NULL;
    crossroads_assessment *loaded =
        crossroads_assessment_load(xml, length, (const char *const *)includes, lengths, COUNT, &error);
    check(loaded != NULL && error == NULL, "load the shipped assessment with its questionnaires",
          error ? error->message : NULL);
    char *report = score(loaded, mixed, mixed_length, "xml", 0, DATE, NULL, NULL);
    check(report && expected && strcmp(report, expected) == 0, "loaded and bundled give the same report", NULL);
    crossroads_string_free(report);
    crossroads_assessment_free(loaded);

    error = NULL;
    loaded = crossroads_assessment_load(xml, length, NULL, NULL, 0, &error);
    check(loaded != NULL && error == NULL, "load with no includes (the bundled questionnaires are used)",
          error ? error->message : NULL);
    crossroads_assessment_free(loaded);
    crossroads_string_free(expected);

    error = NULL;
    loaded = crossroads_assessment_load(xml, length / 2, NULL, NULL, 0, &error);
    expect_error(loaded, error, CROSSROADS_STATUS_INVALID, "<assessment>:", "an assessment cut in half");
    error = NULL;
    loaded = crossroads_assessment_load(includes[0], lengths[0], NULL, NULL, 0, &error);
    expect_error(loaded, error, CROSSROADS_STATUS_INVALID, "<assessment>:", "a questionnaire given as the assessment");
    error = NULL;
    size_t half = lengths[1] / 2;
    const char *broken[] = {includes[0], includes[1]};
    size_t broken_lengths[] = {lengths[0], half};
    loaded = crossroads_assessment_load(xml, length, broken, broken_lengths, 2, &error);
    expect_error(loaded, error, CROSSROADS_STATUS_INVALID, "<includes[1]>:", "an include cut in half");
    error = NULL;
    loaded = crossroads_assessment_load(xml, length, NULL, lengths, 1, &error);
    expect_error(loaded, error, CROSSROADS_STATUS_USAGE, "NULL", "includes NULL with a count");
    error = NULL;
    const char *null_entry[] = {NULL};
    loaded = crossroads_assessment_load(xml, length, null_entry, lengths, 1, &error);
    expect_error(loaded, error, CROSSROADS_STATUS_USAGE, "includes[0]", "a NULL include");
    error = NULL;
    loaded = crossroads_assessment_load(NULL, 0, NULL, NULL, 0, &error);
    expect_error(loaded, error, CROSSROADS_STATUS_USAGE, "NULL", "a NULL assessment xml");
    error = NULL;
    const char *doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"e\">]>\n<assessment/>";
    loaded = crossroads_assessment_load(doctype, strlen(doctype), NULL, NULL, 0, &error);
    expect_error(loaded, error, CROSSROADS_STATUS_INVALID, "<assessment>:", "a DOCTYPE is refused");

    for (int i = 0; i < COUNT; i++) free(includes[i]);
    free(xml);
}

/* Eight threads scoring with one handle at once get what one thread gets. */
struct job {
    char *text, *xml;
    int ok;
};

static char *reference_text, *reference_xml;

static void *worker(void *argument) {
    struct job *job = argument;
    job->ok = 1;
    for (int round = 0; round < rounds; round++) {
        char *text = score(bundled, mixed, mixed_length, "text", 72, DATE, NULL, NULL);
        char *xml = score(bundled, mixed, mixed_length, "xml", 0, DATE, NULL, NULL);
        if (!text || !xml || strcmp(text, reference_text) != 0 || strcmp(xml, reference_xml) != 0) job->ok = 0;
        crossroads_string_free(text);
        crossroads_string_free(xml);
    }
    return NULL;
}

static void test_threads(void) {
    reference_text = score(bundled, mixed, mixed_length, "text", 72, DATE, NULL, NULL);
    reference_xml = score(bundled, mixed, mixed_length, "xml", 0, DATE, NULL, NULL);
    pthread_t threads[THREADS];
    struct job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        check(pthread_create(&threads[i], NULL, worker, &jobs[i]) == 0, "start a thread", NULL);
    }
    for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);
    int all = 1;
    for (int i = 0; i < THREADS; i++) all &= jobs[i].ok;
    check(all, "8 threads scoring with one handle at once get the one-thread reports", NULL);
    crossroads_string_free(reference_text);
    crossroads_string_free(reference_xml);
}

int main(int argc, char **argv) {
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: %s PACKAGE_ROOT [EXAMPLES]\n", argv[0]);
        return 64;
    }
    root = argv[1];
    size_t limit = argc == 3 ? (size_t)atoi(argv[2]) : (size_t)-1;
    test_version();
    test_bundled();
    list_examples();
    if (argc == 3) rounds = 1;
    test_goldens(limit);
    test_broken_answers();
    test_bad_arguments();
    test_load();
    test_threads();

    crossroads_assessment_free(bundled);
    for (size_t i = 0; i < name_count; i++) free(names[i]);
    free(names);
    free(mixed);
    printf("%d checks, %d failed (%zu examples in both formats, %d threads scoring %d times each)\n", checks,
           failures, name_count < limit ? name_count : limit, THREADS, rounds * 2);
    return failures == 0 ? 0 : 1;
}
