# Shell functions shared by the smoke tests (.ci/run, karaf/smoke-test): source this file.
# They post the sample DeliverReq of src/test/resources/mm7, drop a mail to submit, and wait for what each must become.

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
    # no log file yet counts as no line
    local r_lines
    r_lines=$(grep -cs '@R@.*"vasp-deliver-0001"' "$dir/log/mmslog.ec")
    [ "$(grep -ls 'X-MM7-TransactionID: vasp-deliver-0001' "$dir"/outbox/*.eml 2>/dev/null | wc -l)" -ge "$count" ] &&
      [ "${r_lines:-0}" -ge "$count" ] && return 0
    sleep 1
  done
  echo "expected $count .eml in $dir/outbox and $count R lines in $dir/log/mmslog.ec"
  return 1
}

# The other direction: a mail dropped in the pickup becomes a SubmitReq to the built-in MMSC
# simulator (D in the MMS log), whose delivery report comes back (S). The gateway runs with
# smoke_client_settings (as environment variables) or their equivalent in its configuration.
smoke_client_settings() {
  local port=$1
  echo MM7_SIMULATOR_ENABLED=true MM7_SIMULATOR_DELIVERY_REPORT_DELAY=200 MM7_CLIENT_DOMAINS=sim \
    MM7_CLIENT_DOMAIN_SIM_MAIL_DOMAIN=mms.localhost MM7_CLIENT_DOMAIN_SIM_URL="http://127.0.0.1:$port/mmsc/" \
    MM7_CLIENT_DOMAIN_SIM_DELIVERY_REPORT=true
}

# drop_mail DIR: a mail to a handset, written aside and moved into DIR/pickup as the pickup expects
drop_mail() {
  local dir=$1 n
  mkdir -p "$dir/pickup"
  n=$(date +%s%N)
  printf 'From: ann@example.org\r\nTo: 15551234567@mms.localhost\r\nSubject: smoke %s\r\n\r\nhello\r\n' "$n" > "$dir/pickup/.smoke-$n"
  mv "$dir/pickup/.smoke-$n" "$dir/pickup/smoke-$n.eml"
}

# await_submission_and_report DIR COUNT: 0 once DIR/log/mmslog.ec holds COUNT D lines of submissions
# to an MMSC and COUNT S lines of their delivery reports (30 s at most)
await_submission_and_report() {
  local dir=$1 count=$2
  for _ in $(seq 1 30); do
    [ -f "$dir/log/mmslog.ec" ] && [ "$(grep -c '@D@.*@mm7@sim@' "$dir/log/mmslog.ec")" -ge "$count" ] &&
      [ "$(grep -c '@S@.*@Retrieved@' "$dir/log/mmslog.ec")" -ge "$count" ] && return 0
    sleep 1
  done
  echo "expected $count D lines of submissions and $count S lines in $dir/log/mmslog.ec:"
  cat "$dir/log/mmslog.ec" 2>/dev/null
  return 1
}

# kept_submissions MANAGEMENT_URL: the message store as tools/mm7ctl lists it over the management
# port; 0 when it holds a submission the simulator accepted (its MessageIDs are sim-N)
kept_submissions() {
  local listing
  listing=$("$project/tools/mm7ctl" --management "$1" mstore list) || return 1
  printf '%s\n' "$listing" | grep -q $'^MADR-MM7\tsim-' && { printf '%s\n' "$listing" | head -1; return 0; }
  echo "no kept submission in: $listing"
  return 1
}
