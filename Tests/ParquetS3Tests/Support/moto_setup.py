#!/usr/bin/env python3
"""Prepares a fresh moto server for the S3 tests, and inspects it afterwards.

usage: moto_setup.py ENDPOINT setup      (stdin: {"buckets": [...], "objects": [{"bucket", "key", "path"}],
                                                 "authentication": true})
       moto_setup.py ENDPOINT uploads BUCKET ACCESS_KEY SECRET   (lists unfinished multipart uploads)

`setup` creates, with any credentials while authentication is still off: an IAM user with a policy
allowing s3:* and sts:*, an access key for it, a role the user may assume, the buckets and the objects
(read from local files). Then it switches signature checking on (POST /moto-api/reset-auth, body 0;
unless the spec says "authentication": false) and, signing as the user, gets session credentials from STS AssumeRole. stdout: JSON
{"user": {"access_key_id", "secret_access_key"}, "session": {... , "session_token"}}.
"""
import json
import sys
import urllib.request

import boto3

POLICY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["s3:*", "sts:*"], "Resource": "*"}],
}
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
}


def client(endpoint, service, key="test", secret="test", token=None):
    return boto3.client(
        service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key,
        aws_secret_access_key=secret, aws_session_token=token)


def setup(endpoint, spec):
    iam = client(endpoint, "iam")
    iam.create_user(UserName="parquet-tester")
    policy = iam.create_policy(PolicyName="parquet-s3-all", PolicyDocument=json.dumps(POLICY))
    arn = policy["Policy"]["Arn"]
    iam.attach_user_policy(UserName="parquet-tester", PolicyArn=arn)
    key = iam.create_access_key(UserName="parquet-tester")["AccessKey"]
    role = iam.create_role(RoleName="parquet-role", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.attach_role_policy(RoleName="parquet-role", PolicyArn=arn)

    s3 = client(endpoint, "s3")
    for bucket in spec["buckets"]:
        s3.create_bucket(Bucket=bucket)
    for obj in spec["objects"]:
        with open(obj["path"], "rb") as f:
            s3.put_object(Bucket=obj["bucket"], Key=obj["key"], Body=f.read())

    if spec.get("authentication", True):
        request = urllib.request.Request(
            endpoint + "/moto-api/reset-auth", data=b"0", method="POST", headers={"Content-Type": "text/plain"})
        urllib.request.urlopen(request).read()

    sts = client(endpoint, "sts", key["AccessKeyId"], key["SecretAccessKey"])
    creds = sts.assume_role(RoleArn=role["Role"]["Arn"], RoleSessionName="parquet-tests")["Credentials"]
    return {
        "user": {"access_key_id": key["AccessKeyId"], "secret_access_key": key["SecretAccessKey"]},
        "session": {
            "access_key_id": creds["AccessKeyId"], "secret_access_key": creds["SecretAccessKey"],
            "session_token": creds["SessionToken"],
        },
    }


def uploads(endpoint, bucket, key, secret):
    s3 = client(endpoint, "s3", key, secret)
    listed = s3.list_multipart_uploads(Bucket=bucket)
    return [{"key": u["Key"], "upload_id": u["UploadId"]} for u in listed.get("Uploads", [])]


def main():
    endpoint, command = sys.argv[1], sys.argv[2]
    if command == "setup":
        result = setup(endpoint, json.load(sys.stdin))
    elif command == "uploads":
        result = uploads(endpoint, *sys.argv[3:6])
    else:
        raise SystemExit("unknown command " + command)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
