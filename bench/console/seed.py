"""Seeds one account with something for each measured console page to show (a queue, a mail, a bucket, a
topic, a function, an SWF domain, an API). Usage: python3.11 seed.py http://127.0.0.1:PORT ACCOUNT"""
import io
import sys
import zipfile

import boto3

url, account = sys.argv[1], sys.argv[2]


def client(name):
    return boto3.client(name, endpoint_url=url, region_name="us-east-1", aws_access_key_id=account,
                        aws_secret_access_key="secret")


client("sqs").create_queue(QueueName="bench-queue")
ses = client("ses")
ses.verify_email_identity(EmailAddress="bench@example.com")
ses.send_email(Source="bench@example.com", Destination={"ToAddresses": ["ana@example.net"]},
               Message={"Subject": {"Data": "Bench"}, "Body": {"Text": {"Data": "hello"}}})
client("s3").create_bucket(Bucket="bench-bucket")
client("sns").create_topic(Name="bench-topic")
code = io.BytesIO()
with zipfile.ZipFile(code, "w") as z:
    z.writestr("app.py", "def handler(event, context):\n    return {'ok': True}\n")
client("lambda").create_function(FunctionName="bench-fn", Runtime="python3.12", Handler="app.handler",
                                 Role=f"arn:aws:iam::{account}:role/bench", Code={"ZipFile": code.getvalue()})
client("swf").register_domain(name="bench-domain", workflowExecutionRetentionPeriodInDays="1")
client("apigateway").create_rest_api(name="bench-api")
