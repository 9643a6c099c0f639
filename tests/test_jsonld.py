"""The landing page carries a schema.org Dataset with what Google's Dataset guidelines require and
recommend, as far as the catalogue, CITATION.cff and the tables can fill it (Google Search
Central, "Dataset structured data": required name and description; recommended alternateName,
creator, citation, funder, hasPart, isPartOf, identifier, isAccessibleForFree, keywords,
license, measurementTechnique, sameAs, spatialCoverage, temporalCoverage, variableMeasured,
version, distribution with contentUrl and encodingFormat, includedInDataCatalog)."""

from __future__ import annotations

import hashlib
import json
import re

import pyarrow.parquet as pq
import pytest

from endofwar.metadata import release_date
from endofwar.paths import project_root
from endofwar.schemas import catalogue

# Recommended properties nothing in the project can fill, and why (the test fails if one appears
# filled by a guess, and must be moved to FILLED when the project states it).
NOT_STATED = {
    "funder": "no funder is stated",
    "hasPart": "the dataset has no sub-datasets",
    "isPartOf": "it belongs to no larger dataset",
    "identifier": "no DOI is minted yet",
    "sameAs": "no other page of the dataset is stated",
    "url": "the project states no public address",
    "includedInDataCatalog": "it is in no catalogue yet",
    "measurementTechnique": "the catalogue states none",
}
FILLED = ("name", "description", "alternateName", "creator", "isAccessibleForFree", "keywords", "license",
          "spatialCoverage", "temporalCoverage", "variableMeasured", "version", "distribution", "datePublished",
          "citation")


@pytest.fixture(scope="module")
def described():
    from endofwar.outputs.site import render

    files = render(project_root())
    html = files["index.html"].decode("utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0]), files


def test_required_and_fillable_recommended_properties_are_there(described):
    jsonld, _ = described
    assert jsonld["@context"] == "https://schema.org/" and jsonld["@type"] == "Dataset"
    assert set(FILLED) <= set(jsonld)
    assert not set(NOT_STATED) & set(jsonld), "filled: move it from NOT_STATED to FILLED, if the project states it"
    assert 50 <= len(jsonld["description"]) <= 5000


def test_properties_say_what_the_catalogue_and_changelog_say(described):
    jsonld, _ = described
    package = catalogue(project_root()).package
    assert jsonld["name"] == package["title"] and jsonld["alternateName"] == package["name"]
    assert jsonld["keywords"] == package["keywords"]
    assert jsonld["license"] == ["https://creativecommons.org/licenses/by/4.0/"]
    assert jsonld["creator"] == [{"@type": "Organization", "name": "endofwar contributors"}]
    assert jsonld["datePublished"] == release_date(project_root())


def test_coverage_comes_from_the_rows(described):
    jsonld, _ = described
    events = pq.read_table(project_root() / "tables" / "events.parquet").to_pylist()
    sources = pq.read_table(project_root() / "tables" / "sources.parquet").to_pylist()
    claims = pq.read_table(project_root() / "tables" / "claims.parquet").to_pylist()
    days = [d for r in events + claims for d in (r["date_start"], r["date_end"]) if d] + \
           [d for r in sources for d in (r["published_start"], r["published_end"]) if d]
    assert jsonld["temporalCoverage"] == f"{min(days).isoformat()}/{max(days).isoformat()}"
    assert [p["identifier"] for p in jsonld["spatialCoverage"]] == sorted({r["country"] for r in events if r["country"]})
    assert {"identifier": "KOR", "name": "Korea, Republic of", "@type": "Place"} in jsonld["spatialCoverage"]
    assert jsonld["inLanguage"] == sorted({r["language"] for r in sources})


def test_every_download_is_at_its_address_in_the_site_with_its_format(described):
    jsonld, files = described
    urls = [d["contentUrl"] for d in jsonld["distribution"]]
    tables = catalogue(project_root()).tables
    assert sorted(urls) == sorted(["data/datapackage.json", "data/croissant.json"]
                                  + [f"data/tables/{n}.{e}" for n in tables for e in ("csv", "parquet")])
    formats = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}
    for item in jsonld["distribution"]:
        assert item["@type"] == "DataDownload"
        assert item["sha256"] == hashlib.sha256(files[item["contentUrl"]]).hexdigest()
        ext = item["contentUrl"].rsplit(".", 1)[1]
        assert item["encodingFormat"] == formats.get(ext, item["encodingFormat"])


def test_every_field_is_a_variable_measured(described):
    jsonld, _ = described
    expected = [(f"{n}.{f.name}", f.description) for n, t in catalogue(project_root()).tables.items() for f in t.fields]
    assert [(v["name"], v["description"]) for v in jsonld["variableMeasured"]] == expected


def test_no_text_in_the_json_ld_can_close_its_script_element():
    from endofwar.outputs.site.jsonld import script

    text = str(script({"description": "a </script><b>x</b>"}))
    assert "</" not in text and json.loads(text) == {"description": "a </script><b>x</b>"}
