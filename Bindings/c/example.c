/*
 * example.c: score one answers file with the bundled assessment through libCrossroadsC, like
 * `crossroads score FILE --format FORMAT --width WIDTH --date DATE`.
 *
 *     example ANSWERS [FORMAT [WIDTH [DATE]]]
 *
 * Prints the report on standard output (exit 0), or the error's diagnostics on standard error and exits
 * with the error's status (65 invalid answers, 64 a bad argument, ...). Build and run it with
 * Bindings/c/run (which .ci/run calls).
 */
#include <stdio.h>
#include <stdlib.h>

#include "crossroads.h"

/* Reads a whole file into a malloc'd buffer; NULL if it can't. (The library opens no file itself.) */
static char *read_file(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) return NULL;
    size_t capacity = 4096, used = 0;
    char *bytes = malloc(capacity);
    while (bytes != NULL) {
        used += fread(bytes + used, 1, capacity - used, file);
        if (used < capacity) break;
        char *larger = realloc(bytes, capacity * 2);
        if (larger == NULL) { free(bytes); bytes = NULL; break; }
        bytes = larger;
        capacity *= 2;
    }
    if (bytes != NULL && ferror(file)) { free(bytes); bytes = NULL; }
    fclose(file);
    *length = used;
    return bytes;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 5) {
        fprintf(stderr, "usage: %s ANSWERS [FORMAT [WIDTH [DATE]]]\n", argv[0]);
        return 64;
    }
    const char *format = argc > 2 ? argv[2] : "text";
    int width = argc > 3 ? atoi(argv[3]) : 0;
    const char *date = argc > 4 ? argv[4] : NULL;

    size_t length = 0;
    char *answers = read_file(argv[1], &length);
    if (answers == NULL) {
        fprintf(stderr, "%s: error: cannot read this file\n", argv[1]);
        return 66;
    }

    crossroads_error *error = NULL;
    crossroads_assessment *assessment = crossroads_assessment_bundled(NULL, &error);
    if (assessment == NULL) {
        fprintf(stderr, "%s\n", error != NULL ? error->message : "error: out of memory");
        int status = error != NULL ? error->status : CROSSROADS_STATUS_INTERNAL;
        crossroads_error_free(error);
        free(answers);
        return status;
    }

    size_t report_length = 0;
    char *report = crossroads_score(assessment, answers, length, format, width, date, &report_length, &error);
    int status = 0;
    if (report != NULL) {
        fwrite(report, 1, report_length, stdout);
    } else {
        fprintf(stderr, "%s\n", error != NULL ? error->message : "error: out of memory");
        status = error != NULL ? error->status : CROSSROADS_STATUS_INTERNAL;
    }

    crossroads_string_free(report);
    crossroads_error_free(error);
    crossroads_assessment_free(assessment);
    free(answers);
    return status;
}
