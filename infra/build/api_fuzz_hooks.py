"""Schemathesis hooks for infra/build/api-fuzz.sh: generators for the custom formats docs/openapi.yaml uses where a
regular expression cannot say what the server accepts (loaded through SCHEMATHESIS_HOOKS=api_fuzz_hooks).

- iana-time-zone: a zone of the IANA database (the server checks membership in the JDK's list);
- bcp47-language-tag: a tag whose language is an ISO 639 one;
- ups-tracking-number: a 1Z number with its mod-10 check digit (io.ordertracker.domain.Carrier.upsCheckDigit).
"""
import schemathesis
from hypothesis import strategies as st

ZONES = ["UTC", "America/New_York", "America/Los_Angeles", "America/Argentina/Buenos_Aires", "Europe/Berlin",
         "Europe/London", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "Pacific/Auckland", "Africa/Lagos"]
LANGUAGES = ["en", "es", "de", "fr", "ja", "pt", "zh", "ar", "nl", "sv"]
REGIONS = ["US", "GB", "MX", "DE", "FR", "JP", "BR", "CN", "419"]


def ups_check_digit(body15: str) -> int:
    total = 0
    for i, c in enumerate(body15):
        value = ord(c) - ord("0") if c.isdigit() else (ord(c) - 3) % 10
        total += value * 2 if i % 2 == 1 else value
    return (10 - total % 10) % 10


ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

schemathesis.openapi.format("iana-time-zone", st.sampled_from(ZONES))
schemathesis.openapi.format(
    "bcp47-language-tag",
    st.builds(lambda lang, region: lang if region is None else f"{lang}-{region}",
              st.sampled_from(LANGUAGES), st.none() | st.sampled_from(REGIONS)))
schemathesis.openapi.format(
    "ups-tracking-number",
    st.text(alphabet=ALNUM, min_size=15, max_size=15).map(lambda b: f"1Z{b}{ups_check_digit(b)}"))
