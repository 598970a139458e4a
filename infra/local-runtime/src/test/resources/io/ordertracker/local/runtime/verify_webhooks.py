"""Checks webhook deliveries with the standardwebhooks package (PyPI), independently of the product's Java code.

stdin: a JSON list of {"secret", "id", "timestamp", "signature", "body", "now"}; "now" (epoch seconds) is the
receiver's clock (the local runtime's simulated time), so the library's 5-minute timestamp check runs against it.
stdout: a JSON list of {"verified": bool, "tamperedRejected": bool, "error": str|null}, one per input.
"""
import json
import sys
from datetime import datetime, timezone

import standardwebhooks.webhooks as webhooks


class ReceiverClock(datetime):
    current = None

    @classmethod
    def now(cls, tz=None):
        return cls.current


webhooks.datetime = ReceiverClock

out = []
for item in json.load(sys.stdin):
    ReceiverClock.current = datetime.fromtimestamp(item["now"], tz=timezone.utc)
    headers = {"webhook-id": item["id"], "webhook-timestamp": item["timestamp"], "webhook-signature": item["signature"]}
    wh = webhooks.Webhook(item["secret"])
    result = {"verified": False, "tamperedRejected": False, "error": None}
    try:
        wh.verify(item["body"], headers)
        result["verified"] = True
    except Exception as e:  # noqa: BLE001 - report what the library said
        result["error"] = type(e).__name__ + ": " + str(e)
    try:
        wh.verify(item["body"].replace('"', "'", 1) + " ", headers)
    except webhooks.WebhookVerificationError:
        result["tamperedRejected"] = True
    out.append(result)
json.dump(out, sys.stdout)
