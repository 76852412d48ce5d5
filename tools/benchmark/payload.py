#!/usr/bin/env python3
"""Writes the request bodies the benchmark posts, the same bytes for the same options.

  payload.py deliver-req --kib 30 --out DIR    a DeliverReq: SOAP root, then the MM as a
                                               multipart/related of SMIL, UTF-8 text and a base64
                                               JPEG-like part of KIB KiB (random bytes, seeded)
  payload.py delivery-report --out DIR         a DeliveryReportReq (plain SOAP, about 1 KB)

Each writes DIR/body.bin and DIR/content-type.txt.
"""
import argparse
import base64
import os
import random

NS = "http://www.3gpp.org/ftp/Specs/archive/23_series/23.140/schema/REL-6-MM7-1-4"


def envelope(tx, body):
    return ('<?xml version="1.0" encoding="UTF-8"?>\r\n'
            '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">\r\n'
            '<env:Header><mm7:TransactionID xmlns:mm7="%s" env:mustUnderstand="1">%s</mm7:TransactionID></env:Header>\r\n'
            '<env:Body>\r\n%s\r\n</env:Body>\r\n</env:Envelope>\r\n') % (NS, tx, body)


def deliver_req(kib):
    rng = random.Random(20261201)
    jpeg = b"\xff\xd8\xff\xe0" + bytes(rng.getrandbits(8) for _ in range(kib * 1024 - 6)) + b"\xff\xd9"
    b64 = base64.encodebytes(jpeg).replace(b"\n", b"\r\n")
    soap = envelope("bench-000001", (
        '<DeliverReq xmlns="%s"><MM7Version>6.8.0</MM7Version><MMSRelayServerID>mmsc.bench</MMSRelayServerID>'
        '<Sender><Number>+4917012345678</Number></Sender><Recipients><To><ShortCode>12345</ShortCode></To></Recipients>'
        '<TimeStamp>2026-12-01T12:00:00Z</TimeStamp><Priority>Normal</Priority><Subject>Benchmark photo</Subject>'
        '<Content href="cid:mm@bench" allowAdaptations="true"/></DeliverReq>') % NS)
    smil = ('<smil><head><layout><root-layout width="160" height="200"/><region id="Image" top="0" height="140"/>'
            '<region id="Text" top="140" height="60"/></layout></head><body><par dur="5s"><img src="photo.jpg" region="Image"/>'
            '<text src="caption.txt" region="Text"/></par></body></smil>')
    inner = (b"--inner\r\nContent-Type: application/smil; charset=utf-8\r\nContent-ID: <smil>\r\n\r\n" + smil.encode()
             + b"\r\n--inner\r\nContent-Type: text/plain; charset=utf-8\r\nContent-ID: <caption.txt>\r\n"
             + b"Content-Location: caption.txt\r\n\r\n" + "Grüße vom Strand".encode("utf-8")
             + b"\r\n--inner\r\nContent-Type: image/jpeg; name=photo.jpg\r\nContent-ID: <photo.jpg>\r\n"
             + b"Content-Location: photo.jpg\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + b"--inner--")
    body = (b"--outer\r\nContent-Type: text/xml; charset=\"utf-8\"\r\nContent-ID: <soap@bench>\r\n\r\n" + soap.encode()
            + b"\r\n--outer\r\nContent-Type: multipart/related; type=\"application/smil\"; start=\"<smil>\"; boundary=\"inner\"\r\n"
            + b"Content-ID: <mm@bench>\r\n\r\n" + inner + b"\r\n--outer--\r\n")
    return body, 'multipart/related; boundary="outer"; type="text/xml"; start="<soap@bench>"'


def delivery_report():
    soap = envelope("bench-dr-000001", (
        '<DeliveryReportReq xmlns="%s"><MM7Version>6.8.0</MM7Version><MMSRelayServerID>mmsc.bench</MMSRelayServerID>'
        '<MessageID>unknown-to-the-gateway</MessageID><Recipient><Number>+4917012345678</Number></Recipient>'
        '<Sender><ShortCode>12345</ShortCode></Sender><Date>2026-12-01T12:00:00Z</Date><MMStatus>Retrieved</MMStatus>'
        '<StatusText>Retrieved by the handset</StatusText></DeliveryReportReq>') % NS)
    return soap.encode(), 'text/xml; charset="utf-8"'


def main():
    p = argparse.ArgumentParser()
    p.add_argument("kind", choices=["deliver-req", "delivery-report"])
    p.add_argument("--kib", type=int, default=30)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    body, content_type = deliver_req(a.kib) if a.kind == "deliver-req" else delivery_report()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "body.bin"), "wb") as f:
        f.write(body)
    with open(os.path.join(a.out, "content-type.txt"), "w") as f:
        f.write(content_type)
    print("%s: %d bytes" % (a.kind, len(body)))


if __name__ == "__main__":
    main()
