#!/usr/bin/env python3
"""Signs requests with botocore's SigV4 signers, the oracle for SigV4BotocoreDifferentialTests.

stdin: a JSON list of requests, each
  {"service", "region", "access_key", "secret_key", "token" (or null), "method", "host",
   "path" (decoded, e.g. an S3 key with a leading "/"), "query": [[name, value], ...] (decoded, unique names),
   "headers": [[name, value], ...], "body_b64", "timestamp" ("yyyymmddThhmmssZ"),
   "mode": "header" | "query", "expires", "unsigned_payload" (S3 header signing only)}
stdout: a JSON list of {"canonical_request", "string_to_sign", "signature"} in the same order.
The URL path is built as botocore's serializer does (quote(path, safe='/~')); the signer does the rest.
"""
import base64
import datetime
import json
import sys
from urllib.parse import quote

import botocore.auth as auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

captured = {}


def capture(cls):
    class Capturing(cls):
        def string_to_sign(self, request, canonical_request):
            sts = super().string_to_sign(request, canonical_request)
            captured["canonical_request"] = canonical_request
            captured["string_to_sign"] = sts
            return sts

        def signature(self, string_to_sign, request):
            sig = super().signature(string_to_sign, request)
            captured["signature"] = sig
            return sig

    return Capturing


def sign(item):
    captured.clear()
    stamp = datetime.datetime.strptime(item["timestamp"], "%Y%m%dT%H%M%SZ")
    auth.get_current_datetime = lambda *args, **kwargs: stamp
    creds = Credentials(item["access_key"], item["secret_key"], item.get("token"))
    s3 = item["service"] == "s3"
    url = "https://" + item["host"] + quote(item["path"], safe="/~")
    body = base64.b64decode(item["body_b64"])
    request = AWSRequest(method=item["method"], url=url, data=body, params=[tuple(p) for p in item["query"]])
    for name, value in item["headers"]:
        request.headers[name] = value
    if item["mode"] == "query":
        cls = auth.S3SigV4QueryAuth if s3 else auth.SigV4QueryAuth
        signer = capture(cls)(creds, item["service"], item["region"], expires=item["expires"])
    else:
        cls = auth.S3SigV4Auth if s3 else auth.SigV4Auth
        signer = capture(cls)(creds, item["service"], item["region"])
        if s3:
            request.context["client_config"] = Config(
                s3={"payload_signing_enabled": not item.get("unsigned_payload", False)})
    signer.add_auth(request)
    return dict(captured)


def main():
    items = json.load(sys.stdin)
    json.dump([sign(item) for item in items], sys.stdout)


if __name__ == "__main__":
    main()
