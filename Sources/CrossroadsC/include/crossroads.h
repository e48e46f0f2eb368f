/*
 * crossroads.h: the C interface to Crossroads (libCrossroadsC.so).
 *
 * Crossroads scores answers to questionnaires written in XML and renders a report, in plain text for a
 * person or in XML for tools. The rule that a raised critical safety flag always selects the safety
 * outcome is enforced inside the library: nothing a caller passes can switch it off.
 *
 * Plain C99. Build against it with, for example,
 *
 *     swift build --product CrossroadsC
 *     cc -std=c99 -I Sources/CrossroadsC/include prog.c -L .build/debug -lCrossroadsC \
 *        -Wl,-rpath,$PWD/.build/debug -o prog
 *
 * (README.md, "Using Crossroads from C and Python", says more.)
 *
 * OWNERSHIP
 *   - Every pointer the caller passes in is only read, and only during the call: the library keeps no
 *     pointer to the caller's memory after it returns. Input buffers are given with their length and
 *     need not end in NUL; the `const char *` parameters without a length (id, format, date) must be
 *     NUL-terminated.
 *   - Every pointer the library returns is owned by the caller, who frees it exactly once with the
 *     matching function: a report with crossroads_string_free, an error with crossroads_error_free, an
 *     assessment with crossroads_assessment_free. The one exception is crossroads_version(), which
 *     returns a static string that must not be freed.
 *   - Reports are allocated with malloc, so crossroads_string_free(s) is free(s).
 *   - Each free function accepts NULL and then does nothing.
 *
 * ERRORS
 *   Every function that can fail returns NULL and, when `error` is not NULL, sets *error to a new
 *   crossroads_error describing why; on success it sets *error to NULL. (A caller that passes an
 *   `error` already pointing at an error it has not freed leaks it.) If even the error cannot be
 *   allocated (out of memory), *error is NULL although the function returned NULL.
 *   No Swift error, trap or exit crosses this interface: bad input of any kind (NULL pointers, wrong
 *   lengths, bytes that are not UTF-8, XML that is not well-formed or not valid, an unknown format, a
 *   width or date out of range) returns NULL and an error.
 *
 * STATUSES
 *   crossroads_error.status is the exit status the `crossroads` tool uses for the same failure:
 *     CROSSROADS_STATUS_USAGE      64  a bad argument: a NULL pointer where one is required, an unknown
 *                                      format, a width or date out of range (the tool's usage error)
 *     CROSSROADS_STATUS_INVALID    65  invalid data: an assessment, questionnaire or answers document
 *                                      with errors, or input that is not what it should be (a DOCTYPE,
 *                                      binary data, not UTF-8, larger than 2 MiB), or an unknown
 *                                      bundled assessment id
 *     CROSSROADS_STATUS_UNREADABLE 66  unreadable input (the library reads no file, so this is only
 *                                      listed for completeness)
 *     CROSSROADS_STATUS_INTERNAL   70  an internal failure: out of memory, or a report that could not
 *                                      be written
 *   New statuses may be added (without an ABI version bump); treat an unknown one like 70.
 *
 * MESSAGES
 *   crossroads_error.message is UTF-8 text holding every diagnostic, one per line, separated by '\n'
 *   (no trailing newline), each in the form compilers use:
 *       NAME:LINE:COLUMN: error: MESSAGE
 *   or, for a problem with no place in a document, "NAME: error: MESSAGE" or "error: MESSAGE".
 *   "warning" may appear instead of "error" for a problem found alongside the errors. NAME says which
 *   input the problem is in: "<answers>" for crossroads_score's answers, "<assessment>" for
 *   crossroads_assessment_load's xml, "<includes[I]>" for its I-th include (from 0). A line break inside
 *   a single diagnostic is replaced by a space, so one line is always one diagnostic.
 *
 * THREAD SAFETY
 *   An assessment handle is immutable: any number of threads may call crossroads_score with the same
 *   handle at the same time, and get the same report for the same arguments. Each call's errors and
 *   reports are its own. Only crossroads_assessment_free must not run while another thread still uses
 *   that handle. Every function may be called from any thread; the library keeps no mutable state of
 *   its own between calls (only the static version string, made once).
 *
 * PRIVACY
 *   The library opens no file and no network connection on its own, writes nothing (not even to
 *   stderr), and reads nothing but the buffers passed to it and the questionnaires built into it.
 *
 * VERSIONING
 *   CROSSROADS_ABI_VERSION is the version of this interface. It is bumped when a change could break a
 *   program compiled against an earlier header: a function removed or renamed, a parameter or return
 *   type changed, a field of crossroads_error changed or moved, a status's meaning changed, or an
 *   ownership rule changed. It is NOT bumped for additions that old programs cannot notice: a new
 *   function, a new report format name, a new status value, new diagnostics, or changed report wording
 *   (reports are versioned by crossroads_version(), the engine's version, which each report cites).
 *   A program can check at run time that the library it loaded matches the header it was built with:
 *       if (crossroads_abi_version() != CROSSROADS_ABI_VERSION) { ... }
 */
#ifndef CROSSROADS_H
#define CROSSROADS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this interface (see VERSIONING above). */
#define CROSSROADS_ABI_VERSION 1

/* The values of crossroads_error.status (see STATUSES above). */
#define CROSSROADS_STATUS_USAGE 64
#define CROSSROADS_STATUS_INVALID 65
#define CROSSROADS_STATUS_UNREADABLE 66
#define CROSSROADS_STATUS_INTERNAL 70

/* An assessment: the questionnaires, scales, flags, outcomes and crisis resources answers are scored
   against. Opaque and immutable; made by crossroads_assessment_bundled or crossroads_assessment_load,
   freed by crossroads_assessment_free. */
typedef struct crossroads_assessment crossroads_assessment;

/* Why a call failed. Allocated by the library, freed (with its message) by crossroads_error_free. */
typedef struct crossroads_error {
    int status;    /* the CLI's exit status for this failure: 65 invalid data, 66 unreadable, 70 internal
                      (and 64 for a bad argument); see STATUSES */
    char *message; /* every diagnostic, one per line, "NAME:LINE:COLUMN: error: ..."; see MESSAGES.
                      Owned by the error: never NULL, freed by crossroads_error_free */
} crossroads_error;

/* The engine's version, "MAJOR.MINOR.PATCH" (the same as `crossroads --version`, and the one every
   report cites). A static string: never NULL, never freed by the caller. */
const char *crossroads_version(void);

/* The ABI version of the loaded library; equal to CROSSROADS_ABI_VERSION when the header matches. */
int crossroads_abi_version(void);

/* A bundled assessment, by id; NULL id means the one Crossroads ships ("should-we-get-back-together").
   Returns a new assessment owned by the caller, or NULL with *error set (65 for an unknown id).
   Reading the built-in questionnaires takes a few milliseconds: keep the handle and reuse it. */
crossroads_assessment *crossroads_assessment_bundled(const char *id, crossroads_error **error);

/* Loads and checks an assessment document (`length` bytes of UTF-8 XML at `xml`, no NUL needed), with
   `include_count` questionnaire documents it may use (`includes[i]`, `include_lengths[i]` bytes each).
   A questionnaire the assessment uses is looked up among the includes, then among the bundled ones;
   nothing else is read. `includes` and `include_lengths` may be NULL only when include_count is 0.
   Returns a new assessment owned by the caller, or NULL with *error set: 64 for a bad argument, 65
   with every problem found, each located in its document (NAME "<assessment>" or "<includes[I]>"). */
crossroads_assessment *crossroads_assessment_load(const char *xml, size_t length,
    const char *const *includes, const size_t *include_lengths, size_t include_count,
    crossroads_error **error);

/* Scores an answers document (`length` bytes of UTF-8 XML at `answers_xml`, as `crossroads take` saves
   it) against `assessment`, and renders the report.
   format: "text", "xml" (and any later format); width 0 means 80; date "YYYY-MM-DD" or NULL for today.
   Returns a NUL-terminated report owned by the caller, or NULL with *error set.
   - The report is byte for byte what `crossroads score FILE --format FORMAT --width WIDTH --date DATE`
     prints for the same answers and assessment. It is UTF-8 and ends in a newline.
   - width is 0 (80) or 20 to 1000, as the tool's --width; the XML format is not wrapped, but the
     width is still checked. date must be a real date; NULL means today's date in UTC.
   - When report_length is not NULL, *report_length is set to the report's length in bytes, without the
     final NUL (0 on failure).
   - Errors: 64 for a bad argument (NULL assessment, answers or format, an unknown format, a bad width
     or date); 65 with every problem found in the answers, each located ("<answers>:LINE:COLUMN"),
     including answers made for another assessment or version; 70 if the report could not be made.
   `assessment` is only read: many threads may score with it at once. */
char *crossroads_score(const crossroads_assessment *assessment, const char *answers_xml, size_t length,
    const char *format, int width, const char *date, size_t *report_length, crossroads_error **error);

/* Frees a report returned by crossroads_score (the same as free). NULL is allowed. */
void crossroads_string_free(char *string);

/* Frees an error and its message. NULL is allowed. */
void crossroads_error_free(crossroads_error *error);

/* Frees an assessment. NULL is allowed. No other thread may be using it, and it must not be used
   afterwards. */
void crossroads_assessment_free(crossroads_assessment *assessment);

#ifdef __cplusplus
}
#endif

#endif /* CROSSROADS_H */
