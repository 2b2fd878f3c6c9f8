"""Public pages, compressed, keep their public caching: `public, no-cache` with an ETag,
and a browser holding the compressed page (its ETag then ends in `:br` or `:gzip`) gets
a 304 at once, without the stored page being read and compressed again."""

import brotli
import pytest

from reporting.public import cache as public_cache
from reporting.public.cache import CACHE_CONTROL

FULL = "2025-full"


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_compressed_public_page_is_public_and_revalidated(client, world, encoding, monkeypatch):
    url = f"/data/en/questions/art3.exports?cycle={FULL}"
    first = client.get(url, headers={"Accept-Encoding": encoding})
    assert first.status_code == 200
    assert first.headers["Content-Encoding"] == encoding
    assert first.headers["Cache-Control"] == CACHE_CONTROL
    assert "Set-Cookie" not in first.headers
    etag = first.headers["ETag"]
    assert etag.endswith(f':{encoding}"')

    def not_read(key):
        raise AssertionError("the stored page was read for a 304")

    monkeypatch.setattr(public_cache.cache, "get", not_read)
    again = client.get(url, headers={"Accept-Encoding": encoding, "If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == CACHE_CONTROL


def test_the_compressed_page_is_the_page(client, world):
    url = f"/data/en/questions/art3.exports?cycle={FULL}"
    packed = client.get(url, headers={"Accept-Encoding": "br"})
    plain = client.get(url)
    assert brotli.decompress(packed.data) == plain.data
