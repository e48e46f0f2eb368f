#ifndef CROSSROADS_CLIBXML2_SHIM_H
#define CROSSROADS_CLIBXML2_SHIM_H

// Debian builds libxml2 with ICU; its encoding.h then pulls in ICU headers that
// clash with Foundation's copy ("'UErrorCode' has different definitions").
// Nothing here uses the ICU fields, so hide them before the other headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlsave.h>

// xmlFree is a global mutable function pointer, which Swift 6 strict
// concurrency refuses to call; this wrapper is a plain function.
static inline void crossroads_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
