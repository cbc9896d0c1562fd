#!/usr/bin/env python3
"""Resolves credentials, region and S3 endpoint with botocore, the oracle for CredentialsTests.

stdin: a JSON list of scenarios {"env": {...}, "profile": name or null}. Each scenario runs with exactly
that environment (plus AWS_EC2_METADATA_DISABLED so no instance-metadata lookup happens).
stdout: a JSON list of {"access_key", "secret_key", "token", "region", "endpoint", "error"}.
"""
import json
import os
import sys

import botocore.session


def resolve(scenario):
    os.environ.clear()
    os.environ.update(scenario["env"])
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    out = {"access_key": None, "secret_key": None, "token": None, "region": None, "endpoint": None, "error": None}
    try:
        session = botocore.session.Session(profile=scenario.get("profile"))
        creds = session.get_credentials()
        if creds is not None:
            frozen = creds.get_frozen_credentials()
            out["access_key"], out["secret_key"], out["token"] = frozen.access_key, frozen.secret_key, frozen.token
        out["region"] = session.get_config_variable("region")
        client = session.create_client("s3", region_name=out["region"] or "us-east-1")
        url = client.meta.endpoint_url
        out["endpoint"] = None if url.endswith(".amazonaws.com") else url
    except Exception as e:  # the error's class name is what the tests compare
        out["error"] = type(e).__name__
    return out


def main():
    scenarios = json.load(sys.stdin)
    json.dump([resolve(s) for s in scenarios], sys.stdout)


if __name__ == "__main__":
    main()
