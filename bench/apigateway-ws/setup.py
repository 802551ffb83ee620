"""Creates the benchmark's WebSocket API through apigatewayv2 like any client: a two-way MOCK $default
route answering `pong`, and a two-way `whoami` route answering the connection id, on an auto-deployed stage `bench`. Prints the API id.
    python3 setup.py ENDPOINT"""
import sys
import boto3

c = boto3.client("apigatewayv2", endpoint_url=sys.argv[1], region_name="us-east-1",
                 aws_access_key_id="123456789012", aws_secret_access_key="x")
api = c.create_api(Name="bench-ws", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")["ApiId"]
mock = c.create_integration(ApiId=api, IntegrationType="MOCK",
                            RequestTemplates={"$default": '{"statusCode": 200}'})["IntegrationId"]
c.create_integration_response(ApiId=api, IntegrationId=mock, IntegrationResponseKey="$default",
                              ResponseTemplates={"$default": "pong"})
route = c.create_route(ApiId=api, RouteKey="$default", Target="integrations/" + mock,
                       RouteResponseSelectionExpression="$default")["RouteId"]
c.create_route_response(ApiId=api, RouteId=route, RouteResponseKey="$default")
who = c.create_integration(ApiId=api, IntegrationType="MOCK",
                           RequestTemplates={"$default": '{"statusCode": 200}'})["IntegrationId"]
c.create_integration_response(ApiId=api, IntegrationId=who, IntegrationResponseKey="$default",
                              ResponseTemplates={"$default": '{"me": "$context.connectionId"}'})
whoami = c.create_route(ApiId=api, RouteKey="whoami", Target="integrations/" + who,
                        RouteResponseSelectionExpression="$default")["RouteId"]
c.create_route_response(ApiId=api, RouteId=whoami, RouteResponseKey="$default")
c.create_stage(ApiId=api, StageName="bench", AutoDeploy=True)
print(api)
