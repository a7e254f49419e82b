#!/bin/sh
# Linker for Native AOT builds of linux-arm64 on an x64 machine with Debian's gcc-aarch64-linux-gnu: ILCompiler adds
# clang's --target=<triple> when cross-compiling, which gcc does not know; the cross gcc already targets aarch64.
for arg; do
  shift
  case "$arg" in
    --target=*) ;;
    *) set -- "$@" "$arg" ;;
  esac
done
exec aarch64-linux-gnu-gcc "$@"
