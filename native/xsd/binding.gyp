# Compiled XSD schemas for the request pipeline (src/soap/xsd.ts). The addon calls libxml2 through
# the copy libxmljs2 already loaded: its functions are looked up at run time (dlsym), so nothing
# is linked here and documents parsed by libxmljs2 are validated by the same libxml2.
{
  "targets": [
    {
      "target_name": "cvs_xsd",
      "sources": ["xsd.cc"],
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
