#!/bin/bash
# Builds the GPU-check bundle under .gpu/ (ignored) from this machine's Debian Chromium, Node and
# node_modules, for three device `run` calls of at most 64 MiB each (see .gpu/README.txt).
#   bash .gpu/make-bundle.sh          # ~5 min of one core (xz); REUSE_CHROMIUM=1 keeps xfer1/2's Chromium
set -euo pipefail
cd "$(dirname "$0")/.."; R=$PWD; G=$R/.gpu
[ -x /usr/lib/chromium/chromium ] || { echo "needs Debian's chromium: apt-get install chromium"; exit 1; }
command -v node >/dev/null && [ -d node_modules/playwright-core ] || { echo "needs node and npm install"; exit 1; }
mkdir -p $G/xfer1 $G/xfer2 $G/xfer3 $G/dist $G/node_modules
# 1. Chromium minus the Vulkan validation layer and mock ICD, one locale, plus the library closure
#    except glibc, libstdc++ and libgcc_s (present on the device), plus NSS's dlopened modules.
rm -rf $G/chromium; mkdir -p $G/chromium/lib $G/chromium/locales; S=$G/chromium
for f in chrome_100_percent.pak chrome_200_percent.pak chrome_crashpad_handler icudtl.dat libEGL.so libGLESv2.so \
         libvk_swiftshader.so libvulkan.so.1 resources.pak snapshot_blob.bin v8_context_snapshot.bin vk_swiftshader_icd.json; do
  cp -a /usr/lib/chromium/$f $S/; done
cp /usr/lib/chromium/locales/en-US.pak $S/locales/
for l in $(ldd /usr/lib/chromium/chromium /usr/lib/chromium/chrome_crashpad_handler /usr/lib/chromium/libvk_swiftshader.so | awk '$3 ~ /^\// {print $3}' | sort -u); do
  case $(basename $l) in libc.so*|libm.so*|libdl.so*|libpthread.so*|librt.so*|libresolv.so*|ld-linux*|libstdc++*|libgcc_s*) continue;; esac
  cp -L $l $S/lib/; done
for f in libfreebl3.so libfreeblpriv3.so libnssckbi.so libnssdbm3.so libsoftokn3.so libssl3.so; do
  [ -f /usr/lib/x86_64-linux-gnu/$f ] && cp -L /usr/lib/x86_64-linux-gnu/$f $S/lib/; done
cp /usr/lib/chromium/chromium $S/chromium
# 2. playwright-core and Node (the official build links only glibc and libstdc++).
rm -rf $G/node_modules/playwright-core; cp -a node_modules/playwright-core $G/node_modules/
cp "$(command -v node)" $G/node; ldd $G/node | grep -vE 'linux-vdso|libc.so|libm.so|libdl|libpthread|librt|libstdc|libgcc_s|ld-linux' && echo "WARNING: node needs more libraries than glibc/libstdc++"
# 3. The built widget, built in a scratch copy so that the checkout's dist/ is untouched.
B=$(mktemp -d); git ls-files -z | xargs -0 cp --parents -t $B; ln -s $R/node_modules $B/node_modules
(cd $B && npx vite build >/dev/null); rm -rf $G/dist; mkdir -p $G/dist
cp $B/dist/localshelf.js $B/dist/localshelf-worker.js $B/dist/tfjs-backend-wasm-simd.wasm $G/dist/; rm -rf $B
# 4. The GL/Vulkan loader debs (device README).
grep -qx '/.gl/' .git/info/exclude || echo /.gl/ >> .git/info/exclude
if ! ls .gl/*.deb >/dev/null 2>&1; then
  mkdir -p .gl /tmp/amd64/partial; o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
  apt-get $o update >/dev/null; (cd .gl && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
fi
# 5. Compress and split into the three transfers.
if [ "${REUSE_CHROMIUM:-}" != 1 ] || [ ! -f $G/xfer1/chromium-bin.xz.a0 ]; then
  rm -f $G/xfer1/* $G/xfer2/chromium-bin.xz.a*
  nice -n 19 xz -T1 -6 -c $S/chromium > $G/chromium-bin.xz
  split -b 56M -d -a 1 $G/chromium-bin.xz $G/xfer1/chromium-bin.xz.a; rm $G/chromium-bin.xz
  mv $G/xfer1/chromium-bin.xz.a1 $G/xfer2/
fi
nice -n 19 xz -T1 -6 -c $G/node > $G/xfer2/node.xz
tar -C $G --exclude=chromium/chromium -cf - chromium node_modules | nice -n 19 xz -T1 -6 > $G/xfer3/rest.tar.xz
du -sh $G/xfer1 $G/xfer2 $G/xfer3 .gl $G/dist
