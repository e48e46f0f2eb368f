#ifndef CROSSROADS_CLIBXSLT_SHIM_H
#define CROSSROADS_CLIBXSLT_SHIM_H

// The same ICU trap as in CLibXML2's shim: hide libxml2's ICU fields before any libxml2 header, or
// files that also import Foundation fail a clean build ("'UErrorCode' has different definitions").
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libxslt/security.h>

// xmlFree is a global mutable function pointer, which Swift 6 strict concurrency refuses to call.
static inline void crossroads_xslt_xmlFree(void *pointer) {
    xmlFree(pointer);
}

// libxslt reports errors through a printf-style callback, which Swift cannot define. These collect
// what it says into a fixed buffer (the first message or two is all a person needs), or drop it.
#include <stdarg.h>
#include <stdio.h>

typedef struct {
    char text[2048];
    size_t used;
} crossroads_xslt_messages;

static inline void crossroads_xslt_collect(void *context, const char *message, ...) {
    if (context == NULL || message == NULL) return;
    crossroads_xslt_messages *messages = (crossroads_xslt_messages *)context;
    if (messages->used >= sizeof messages->text - 1) return;
    va_list arguments;
    va_start(arguments, message);
    int written = vsnprintf(messages->text + messages->used, sizeof messages->text - messages->used,
                            message, arguments);
    va_end(arguments);
    if (written > 0) {
        messages->used += (size_t)written;
        if (messages->used > sizeof messages->text - 1) messages->used = sizeof messages->text - 1;
    }
}

// Sends a transform's errors and xsl:message output to `messages`.
static inline void crossroads_xslt_collect_errors(xsltTransformContextPtr context,
                                                  crossroads_xslt_messages *messages) {
    xsltSetTransformErrorFunc(context, messages, crossroads_xslt_collect);
}

// Keeps libxslt's global error output (stylesheet compilation) off stderr.
static inline void crossroads_xslt_silence_globals(void) {
    xsltSetGenericErrorFunc(NULL, crossroads_xslt_collect);
}

#endif
