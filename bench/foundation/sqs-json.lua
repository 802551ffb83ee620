wrk.method = "POST"
wrk.body = "{\"QueueName\":\"bench\"}"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AmazonSQS.GetQueueUrl"
