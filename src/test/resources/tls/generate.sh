#!/usr/bin/env bash
# Regenerates the test certificates (valid for 100 years): a CA, a server certificate for 127.0.0.1/localhost
# and a client certificate with CN=device-42, all signed by the CA. Password: "secret".
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.p12 ./*.crt ./*.csr
P=secret
kt() { keytool -noprompt -storetype PKCS12 -storepass $P -keypass $P "$@"; }
kt -genkeypair -alias ca -keyalg RSA -keysize 2048 -dname "CN=StratusMQ Test CA" -validity 36500 \
   -ext bc:c -keystore ca.p12
kt -exportcert -rfc -alias ca -keystore ca.p12 -file ca.crt
for who in server client; do
  if [ $who = server ]; then dn="CN=localhost"; ext="-ext SAN=IP:127.0.0.1,DNS:localhost"; else dn="CN=device-42"; ext=""; fi
  kt -genkeypair -alias $who -keyalg RSA -keysize 2048 -dname "$dn" -validity 36500 -keystore $who.p12
  kt -certreq -alias $who -keystore $who.p12 -file $who.csr
  kt -gencert -alias ca -keystore ca.p12 -infile $who.csr -outfile $who.crt -rfc -validity 36500 $ext
  kt -importcert -alias ca -keystore $who.p12 -file ca.crt
  kt -importcert -alias $who -keystore $who.p12 -file $who.crt
done
kt -importcert -alias ca -keystore truststore.p12 -file ca.crt
rm -f ./*.csr ca.p12
