#!/bin/sh
# Prints the fenced code blocks of language $1 from markdown file $2, in
# order, as one file: the guides are written so that their blocks of one
# language form one runnable program.
set -eu
awk -v lang="$1" '
  $0 == "```" lang { inside = 1; next }
  /^```/ && inside { inside = 0; print ""; next }
  inside { print }
' "$2"
