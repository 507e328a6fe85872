// What the request pipeline needs of libxml2 beyond libxmljs2 0.35 (pinned: this file relies on its
// wrapper classes):
//
// - Compiled XSD schemas, kept for the life of the process, and validation of one element of a
//   document in place. libxmljs2's Document.validate() compiles the schema on every call and
//   validates only whole documents, so the Body element had to be copied into a document of its
//   own and parsed again.
// - Freeing a request's document when the request is done. libxmljs2 frees a document only when
//   V8 collects its wrappers, one level of the tree per full collection, so tens of megabytes of
//   parsed requests waited in native memory and their size drove the full collections.
//
// Nothing is linked: the libxml2 functions are taken with dlsym from libxmljs2's own binary, which
// is already loaded, so the tree and the schema belong to the same libxml2. The libxmljs2 objects
// are unwrapped with nan, the same version libxmljs2 is built with.
#include <dlfcn.h>
#include <string>
#include <nan.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include "xml_document.h"
#include "xml_namespace.h"
#include "xml_node.h"

namespace {

struct Libxml2 {
  xmlSchemaParserCtxtPtr (*newDocParserCtxt)(xmlDocPtr);
  void (*setParserStructuredErrors)(xmlSchemaParserCtxtPtr, xmlStructuredErrorFunc, void *);
  xmlSchemaPtr (*parse)(xmlSchemaParserCtxtPtr);
  void (*freeParserCtxt)(xmlSchemaParserCtxtPtr);
  void (*free)(xmlSchemaPtr);
  xmlSchemaValidCtxtPtr (*newValidCtxt)(xmlSchemaPtr);
  void (*setValidStructuredErrors)(xmlSchemaValidCtxtPtr, xmlStructuredErrorFunc, void *);
  int (*validateOneElement)(xmlSchemaValidCtxtPtr, xmlNodePtr);
  void (*freeValidCtxt)(xmlSchemaValidCtxtPtr);
  void (*freeDoc)(xmlDocPtr);
  xmlDocPtr (*newDoc)(const xmlChar *);
};

Libxml2 lib;
bool bound = false;

template <typename F> bool bind(void *handle, const char *name, F &out) {
  out = reinterpret_cast<F>(dlsym(handle, name));
  return out != nullptr;
}

// The first error only: the fault names one cause.
struct FirstError {
  bool seen = false;
  std::string message;
};

void collect(void *data, xmlErrorPtr error) {
  FirstError *first = static_cast<FirstError *>(data);
  if (first->seen || error == nullptr) return;
  first->seen = true;
  first->message = error->message ? error->message : "";
}

class Schema : public Nan::ObjectWrap {
public:
  explicit Schema(xmlSchemaPtr schema) : schema_(schema) {}
  ~Schema() override { lib.free(schema_); }
  xmlSchemaPtr schema_;
  static void Attach(v8::Local<v8::Object> wrapper, xmlSchemaPtr schema) { (new Schema(schema))->Wrap(wrapper); }
  static Nan::Persistent<v8::FunctionTemplate> tpl;
};
Nan::Persistent<v8::FunctionTemplate> Schema::tpl;

NAN_METHOD(NewSchema) {
  // Only made by compile(), which wraps the pointer right after.
  info.GetReturnValue().Set(info.This());
}

// bind(path): takes libxml2 from libxmljs2's binary, which must already be loaded.
NAN_METHOD(Bind) {
  Nan::Utf8String path(info[0]);
  void *handle = dlopen(*path, RTLD_NOW | RTLD_NOLOAD);
  if (handle == nullptr) return Nan::ThrowError("libxmljs2 is not loaded");
  bound = bind(handle, "xmlSchemaNewDocParserCtxt", lib.newDocParserCtxt) &&
          bind(handle, "xmlSchemaSetParserStructuredErrors", lib.setParserStructuredErrors) &&
          bind(handle, "xmlSchemaParse", lib.parse) && bind(handle, "xmlSchemaFreeParserCtxt", lib.freeParserCtxt) &&
          bind(handle, "xmlSchemaFree", lib.free) && bind(handle, "xmlSchemaNewValidCtxt", lib.newValidCtxt) &&
          bind(handle, "xmlSchemaSetValidStructuredErrors", lib.setValidStructuredErrors) &&
          bind(handle, "xmlSchemaValidateOneElement", lib.validateOneElement) &&
          bind(handle, "xmlSchemaFreeValidCtxt", lib.freeValidCtxt) && bind(handle, "xmlFreeDoc", lib.freeDoc) &&
          bind(handle, "xmlNewDoc", lib.newDoc);
  dlclose(handle); // drops only the reference taken here; libxmljs2 keeps it loaded
  if (!bound) return Nan::ThrowError("libxmljs2's binary lacks the libxml2 schema functions");
}

// compile(schemaDocument): the compiled schema, or an Error with libxml2's first message.
NAN_METHOD(Compile) {
  if (!bound) return Nan::ThrowError("bind() first");
  if (!info[0]->IsObject()) return Nan::ThrowTypeError("a libxmljs2 Document is required");
  v8::Local<v8::Object> arg = info[0].As<v8::Object>();
  if (arg->InternalFieldCount() < 1) return Nan::ThrowTypeError("a libxmljs2 Document is required");
  libxmljs::XmlDocument *doc = Nan::ObjectWrap::Unwrap<libxmljs::XmlDocument>(arg);

  FirstError first;
  xmlSchemaParserCtxtPtr parser = lib.newDocParserCtxt(doc->xml_obj);
  if (parser == nullptr) return Nan::ThrowError("no schema parser context");
  lib.setParserStructuredErrors(parser, collect, &first);
  xmlSchemaPtr schema = lib.parse(parser);
  lib.freeParserCtxt(parser);
  if (schema == nullptr) return Nan::ThrowError(("invalid schema: " + first.message).c_str());

  v8::Local<v8::Object> wrapper = Nan::NewInstance(Nan::GetFunction(Nan::New(Schema::tpl)).ToLocalChecked()).ToLocalChecked();
  Schema::Attach(wrapper, schema);
  info.GetReturnValue().Set(wrapper);
}

// validate(schema, element): undefined when valid, else libxml2's first message.
NAN_METHOD(Validate) {
  if (!bound) return Nan::ThrowError("bind() first");
  if (!info[0]->IsObject() || !info[1]->IsObject()) return Nan::ThrowTypeError("validate(schema, element)");
  v8::Local<v8::Object> schemaArg = info[0].As<v8::Object>();
  v8::Local<v8::Object> elementArg = info[1].As<v8::Object>();
  if (!Nan::New(Schema::tpl)->HasInstance(schemaArg)) return Nan::ThrowTypeError("a compiled schema is required");
  if (elementArg->InternalFieldCount() < 1) return Nan::ThrowTypeError("a libxmljs2 Element is required");
  Schema *schema = Nan::ObjectWrap::Unwrap<Schema>(schemaArg);
  libxmljs::XmlNode *node = Nan::ObjectWrap::Unwrap<libxmljs::XmlNode>(elementArg);
  if (node->xml_obj == nullptr || node->xml_obj->type != XML_ELEMENT_NODE) {
    return Nan::ThrowTypeError("a libxmljs2 Element is required");
  }
  // libxml2 2.9 reports an element sibling of the validation root without a node and crashes
  // doing so; the envelope phase already refuses a Body with more than one element.
  for (xmlNodePtr n = node->xml_obj->parent ? node->xml_obj->parent->children : nullptr; n != nullptr; n = n->next) {
    if (n != node->xml_obj && n->type == XML_ELEMENT_NODE) {
      return Nan::ThrowTypeError("the element must be the only element of its parent");
    }
  }

  FirstError first;
  xmlSchemaValidCtxtPtr ctxt = lib.newValidCtxt(schema->schema_);
  if (ctxt == nullptr) return Nan::ThrowError("no schema validation context");
  lib.setValidStructuredErrors(ctxt, collect, &first);
  int result = lib.validateOneElement(ctxt, node->xml_obj);
  lib.freeValidCtxt(ctxt);
  if (result == 0) return;
  if (result < 0) return Nan::ThrowError("schema validation failed internally");
  info.GetReturnValue().Set(Nan::New(first.seen ? first.message : std::string("invalid")).ToLocalChecked());
}

// Nan::ObjectWrap keeps Unref() protected; libxmljs2's wrappers are ObjectWraps.
struct Wrap : Nan::ObjectWrap {
  static void unref(Nan::ObjectWrap *w) { static_cast<Wrap *>(w)->Unref(); }
};

// What a wrapper's destructor would give back, given back now: its reference on the nearest wrapped
// ancestor and on the document (libxmljs2 0.35, xml_node.cc ~XmlNode and xml_namespace.cc).
void loslaten(xmlNodePtr node) {
  if (node->_private == nullptr) return;
  libxmljs::XmlNode *w = static_cast<libxmljs::XmlNode *>(node->_private);
  if (w->ancestor != nullptr && w->ancestor->_private != nullptr) Wrap::unref(static_cast<libxmljs::XmlNode *>(w->ancestor->_private));
  w->ancestor = nullptr;
  if (w->doc != nullptr && w->doc->_private != nullptr) Wrap::unref(static_cast<libxmljs::XmlDocument *>(w->doc->_private));
  w->doc = nullptr;
}

void loslatenNs(xmlNsPtr ns) {
  for (; ns != nullptr; ns = ns->next) {
    if (ns->_private == nullptr) continue;
    libxmljs::XmlNamespace *w = static_cast<libxmljs::XmlNamespace *>(ns->_private);
    if (w->context != nullptr && w->context->_private != nullptr) Wrap::unref(static_cast<libxmljs::XmlDocument *>(w->context->_private));
    w->context = nullptr;
  }
}

void loslatenBoom(xmlNodePtr node) {
  for (; node != nullptr; node = node->next) {
    loslaten(node);
    if (node->type == XML_ELEMENT_NODE) {
      loslatenNs(node->nsDef);
      for (xmlAttrPtr a = node->properties; a != nullptr; a = a->next) {
        loslaten(reinterpret_cast<xmlNodePtr>(a));
        loslatenBoom(a->children);
      }
    }
    loslatenBoom(node->children);
  }
}

// release(document): frees the tree of a document parsed by libxmljs2 now, instead of after the
// several garbage collections its wrappers need to let go of it one level at a time. Every wrapper
// of the document drops its references first; freeing then clears each wrapper's node through
// libxmljs2's own deregistration callback, so a wrapper that is collected later finds nothing to
// free. The wrappers must not be used after this: their nodes are gone.
NAN_METHOD(Release) {
  if (!bound) return Nan::ThrowError("bind() first");
  if (!info[0]->IsObject() || info[0].As<v8::Object>()->InternalFieldCount() < 1) return Nan::ThrowTypeError("a libxmljs2 Document is required");
  libxmljs::XmlDocument *document = Nan::ObjectWrap::Unwrap<libxmljs::XmlDocument>(info[0].As<v8::Object>());
  xmlDocPtr doc = document->xml_obj;
  if (doc == nullptr || doc->type != XML_DOCUMENT_NODE) return Nan::ThrowTypeError("a libxmljs2 Document is required");
  if (doc->_private != document) return Nan::ThrowTypeError("the document does not belong to this wrapper");
  loslatenNs(doc->oldNs);
  loslatenBoom(doc->children);
  // The document wrapper stays, over an empty document of its own that its destructor frees.
  xmlDocPtr leeg = lib.newDoc(reinterpret_cast<const xmlChar *>("1.0"));
  if (leeg == nullptr) return Nan::ThrowError("out of memory");
  doc->_private = nullptr;
  lib.freeDoc(doc);
  leeg->_private = document;
  document->xml_obj = leeg;
}

NAN_MODULE_INIT(Init) {
  v8::Local<v8::FunctionTemplate> tpl = Nan::New<v8::FunctionTemplate>(NewSchema);
  tpl->SetClassName(Nan::New("CompiledSchema").ToLocalChecked());
  tpl->InstanceTemplate()->SetInternalFieldCount(1);
  Schema::tpl.Reset(tpl);
  Nan::SetMethod(target, "bind", Bind);
  Nan::SetMethod(target, "compile", Compile);
  Nan::SetMethod(target, "validate", Validate);
  Nan::SetMethod(target, "release", Release);
}

}  // namespace

NODE_MODULE(cvs_libxml2, Init)
