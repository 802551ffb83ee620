"""S3 browser-form uploads through boto3's generate_presigned_post and requests, as a web app does.
    python3 browser_uploads.py ENDPOINT MODE BUCKET      (MODE: permissive | strict)
Prints one JSON object of observations; the Java test asserts on it."""
import json
import sys

import boto3
import botocore.exceptions
import requests
from botocore.config import Config

endpoint, mode, bucket = sys.argv[1], sys.argv[2], sys.argv[3]
v4 = boto3.client("s3", endpoint_url=endpoint, config=Config(signature_version="s3v4"))
v2 = boto3.client("s3", endpoint_url=endpoint)
out = {}


def post(presigned, data=None, body=b"hello form", filename="hello.txt", redirects=True):
    fields = dict(presigned["fields"])
    fields.update(data or {})
    r = requests.post(presigned["url"], data=fields, files={"file": (filename, body)}, allow_redirects=redirects)
    return {"status": r.status_code, "text": r.text, "etag": r.headers.get("ETag"), "location": r.headers.get("Location")}


v4.create_bucket(Bucket=bucket)
plain = v4.generate_presigned_post(bucket, "uploads/${filename}", ExpiresIn=300)
out["v4"] = post(plain)
out["v4_object"] = v4.get_object(Bucket=bucket, Key="uploads/hello.txt")["Body"].read().decode()
out["v2"] = post(v2.generate_presigned_post(bucket, "v2/${filename}", ExpiresIn=300))

if mode == "permissive":
    rich = v4.generate_presigned_post(
        bucket, "docs/report.csv",
        Fields={"Content-Type": "text/csv", "success_action_status": "201", "x-amz-meta-owner": "alice"},
        Conditions=[{"Content-Type": "text/csv"}, {"success_action_status": "201"}, {"x-amz-meta-owner": "alice"},
                    ["content-length-range", 1, 100]],
        ExpiresIn=300)
    out["created"] = post(rich, body=b"a,b\n1,2\n")
    head = v4.head_object(Bucket=bucket, Key="docs/report.csv")
    out["created_head"] = {"type": head["ContentType"], "meta": head["Metadata"], "etag": head["ETag"]}
    out["too_large"] = post(rich, body=b"x" * 101)
    out["extra_field"] = post(rich, data={"x-amz-meta-sneaky": "1"}, body=b"x")
    out["condition_failed"] = post(rich, data={"Content-Type": "text/html"}, body=b"x")
    redirect = v4.generate_presigned_post(bucket, "r.txt", Fields={"success_action_redirect": "http://app.example/done"},
                                          Conditions=[{"success_action_redirect": "http://app.example/done"}], ExpiresIn=300)
    out["redirect"] = post(redirect, redirects=False)
    out["expired"] = post(v4.generate_presigned_post(bucket, "late.txt", ExpiresIn=-60))
    out["keys"] = sorted(o["Key"] for o in v4.list_objects_v2(Bucket=bucket).get("Contents", []))
else:
    wrong = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=v4._request_signer._credentials.access_key,
                         aws_secret_access_key="not-the-secret", config=Config(signature_version="s3v4"))
    out["wrong_secret"] = post(wrong.generate_presigned_post(bucket, "bad.txt", ExpiresIn=300))
    r = requests.post(endpoint + "/" + bucket, data={"key": "anonymous.txt"}, files={"file": ("a.txt", b"x")})
    out["unsigned"] = {"status": r.status_code, "text": r.text}

    # temporary credentials (STS GetSessionToken): the form carries their token, which must be theirs
    temp = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1").get_session_token()["Credentials"]
    as_temp = dict(endpoint_url=endpoint, aws_access_key_id=temp["AccessKeyId"], aws_secret_access_key=temp["SecretAccessKey"],
                   aws_session_token=temp["SessionToken"])
    temp4 = boto3.client("s3", config=Config(signature_version="s3v4"), **as_temp)
    temp2 = boto3.client("s3", **as_temp)
    signed = temp4.generate_presigned_post(bucket, "sts/${filename}", ExpiresIn=300)
    out["sts_token_field"] = signed["fields"].get("x-amz-security-token") == temp["SessionToken"]
    out["sts_v4"] = post(signed)
    out["sts_v2"] = post(temp2.generate_presigned_post(bucket, "sts-v2/${filename}", ExpiresIn=300))
    without = temp4.generate_presigned_post(bucket, "no-token.txt", ExpiresIn=300)
    del without["fields"]["x-amz-security-token"]
    out["sts_missing_token"] = post(without)
    other = boto3.client("sts", endpoint_url=endpoint, region_name="us-east-1").get_session_token()["Credentials"]["SessionToken"]
    out["sts_wrong_token"] = post(temp4.generate_presigned_post(bucket, "wrong-token.txt", ExpiresIn=300),
                                  data={"x-amz-security-token": other})
    out["sts_account"] = boto3.client("sts", region_name="us-east-1", **as_temp).get_caller_identity()["Account"]
    try:
        boto3.client("sts", region_name="us-east-1", **as_temp).get_session_token()
        out["sts_from_session"] = "allowed"
    except botocore.exceptions.ClientError as e:
        out["sts_from_session"] = e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]
    out["keys"] = sorted(o["Key"] for o in v4.list_objects_v2(Bucket=bucket).get("Contents", []))
print(json.dumps(out))
