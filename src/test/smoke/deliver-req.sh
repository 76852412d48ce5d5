# Shell functions shared by the smoke tests (.ci/run, karaf/smoke-test): source this file.
# They post the sample DeliverReq of src/test/resources/mm7 and wait for what it must become.

smoke_samples="$(cd "$(dirname "${BASH_SOURCE[0]}")/../resources/mm7" && pwd)"

# post_deliver_req URL: 0 when the gateway answers HTTP 200 with StatusCode 1000 (answer in ./answer.xml)
post_deliver_req() {
  local code
  code=$(curl -s -o answer.xml -w '%{http_code}' -X POST \
    -H "Content-Type: $(cat "$smoke_samples/deliver-req.content-type")" \
    --data-binary @"$smoke_samples/deliver-req.mime" "$1" || true)
  [ "$code" = 200 ] && grep -q '<StatusCode>1000</StatusCode>' answer.xml && return 0
  echo "HTTP $code from $1"
  return 1
}

# await_mail_and_log DIR COUNT: 0 once DIR/outbox holds COUNT .eml of the sample and DIR/log/mmslog.ec
# as many R lines for it (30 s at most)
await_mail_and_log() {
  local dir=$1 count=$2
  for _ in $(seq 1 30); do
    [ "$(grep -ls 'X-MM7-TransactionID: vasp-deliver-0001' "$dir"/outbox/*.eml 2>/dev/null | wc -l)" -ge "$count" ] &&
      [ "$(grep -cs '@R@.*"vasp-deliver-0001"' "$dir/log/mmslog.ec")" -ge "$count" ] && return 0
    sleep 1
  done
  echo "expected $count .eml in $dir/outbox and $count R lines in $dir/log/mmslog.ec"
  return 1
}
