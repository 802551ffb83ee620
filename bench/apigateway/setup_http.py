"""Creates the benchmark's HTTP API (API Gateway v2) on a running Haneul: GET /proxy (HTTP_PROXY to
the backend) on an auto-deploying $default stage, so it is served at /_aws/execute-api/{id}/proxy.
Prints the API id.   python3 setup_http.py HANEUL_URL BACKEND_URL"""
import sys

import boto3

endpoint, backend = sys.argv[1], sys.argv[2]
v2 = boto3.client("apigatewayv2", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id="123456789012", aws_secret_access_key="secret")
api = v2.create_api(Name="bench-http", ProtocolType="HTTP")["ApiId"]
integration = v2.create_integration(ApiId=api, IntegrationType="HTTP_PROXY", IntegrationMethod="GET",
                                    IntegrationUri=backend, PayloadFormatVersion="1.0")["IntegrationId"]
v2.create_route(ApiId=api, RouteKey="GET /proxy", Target="integrations/" + integration)
v2.create_stage(ApiId=api, StageName="$default", AutoDeploy=True)
print(api)
