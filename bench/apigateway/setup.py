"""Creates the benchmark's REST API on a running Haneul: GET /proxy (HTTP_PROXY to the backend),
GET /mock (MOCK with a request and a response mapping template) and GET /keyed (the same proxy with
apiKeyRequired, its key in a usage plan with a throttle far above what the benchmark reaches and no
quota, so that every request pays for the key lookup and the token bucket), deployed to stage "bench".
Prints the API id and the API key's value.   python3 setup.py HANEUL_URL BACKEND_URL"""
import sys

import boto3

endpoint, backend = sys.argv[1], sys.argv[2]
apigw = boto3.client("apigateway", endpoint_url=endpoint, region_name="us-east-1",
                     aws_access_key_id="123456789012", aws_secret_access_key="secret")
api = apigw.create_rest_api(name="bench")["id"]
root = apigw.get_resources(restApiId=api)["items"][0]["id"]

proxy = apigw.create_resource(restApiId=api, parentId=root, pathPart="proxy")["id"]
apigw.put_method(restApiId=api, resourceId=proxy, httpMethod="GET", authorizationType="NONE")
apigw.put_integration(restApiId=api, resourceId=proxy, httpMethod="GET", type="HTTP_PROXY",
                      integrationHttpMethod="GET", uri=backend)

mock = apigw.create_resource(restApiId=api, parentId=root, pathPart="mock")["id"]
apigw.put_method(restApiId=api, resourceId=mock, httpMethod="GET", authorizationType="NONE")
apigw.put_integration(restApiId=api, resourceId=mock, httpMethod="GET", type="MOCK",
                      requestTemplates={"application/json": '{"statusCode": 200}'})
apigw.put_method_response(restApiId=api, resourceId=mock, httpMethod="GET", statusCode="200")
apigw.put_integration_response(restApiId=api, resourceId=mock, httpMethod="GET", statusCode="200",
                               responseTemplates={"application/json":
                                                  '{"id": "$context.requestId", "path": "$context.resourcePath", "ok": true}'})
keyed = apigw.create_resource(restApiId=api, parentId=root, pathPart="keyed")["id"]
apigw.put_method(restApiId=api, resourceId=keyed, httpMethod="GET", authorizationType="NONE", apiKeyRequired=True)
apigw.put_integration(restApiId=api, resourceId=keyed, httpMethod="GET", type="HTTP_PROXY",
                      integrationHttpMethod="GET", uri=backend)

apigw.create_deployment(restApiId=api, stageName="bench")
key = apigw.create_api_key(name="bench", enabled=True)
plan = apigw.create_usage_plan(name="bench", apiStages=[{"apiId": api, "stage": "bench"}],
                               throttle={"rateLimit": 1000000.0, "burstLimit": 1000000})["id"]
apigw.create_usage_plan_key(usagePlanId=plan, keyId=key["id"], keyType="API_KEY")
print(api, key["value"])
