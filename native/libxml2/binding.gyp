# What the request pipeline needs of libxml2 beyond libxmljs2 (src/soap/libxml2.ts): schemas
# compiled once, an element validated in place, a document freed at once. The addon calls the
# libxml2 inside libxmljs2's binary, looked up at run time (dlsym): nothing is linked here, and the
# documents libxmljs2 parsed are handled by the same libxml2.
{
  "targets": [
    {
      "target_name": "cvs_libxml2",
      "sources": ["libxml2-extra.cc"],
      "include_dirs": [
        "<!(node -p \"require('path').dirname(require.resolve('libxmljs2/package.json'))\")/src",
        "<!(node -p \"require('path').dirname(require.resolve('libxmljs2/package.json'))\")/vendor/libxml/include",
        "<!(node -e \"require('nan')\")"
      ],
      "cflags": ["-Wall"],
      "libraries": ["-ldl"]
    }
  ]
}
