package io.haneul.cloudsearch;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.cloudsearch.model.DefineExpressionRequest;
import software.amazon.awssdk.services.cloudsearch.model.DefineExpressionResponse;
import software.amazon.awssdk.services.cloudsearch.model.DeleteExpressionRequest;
import software.amazon.awssdk.services.cloudsearch.model.DeleteExpressionResponse;
import software.amazon.awssdk.services.cloudsearch.model.DescribeExpressionsRequest;
import software.amazon.awssdk.services.cloudsearch.model.DescribeExpressionsResponse;
import software.amazon.awssdk.services.cloudsearch.model.Expression;
import software.amazon.awssdk.services.cloudsearch.model.ExpressionStatus;

import static io.haneul.cloudsearch.CloudSearchErrors.call;

/** DefineExpression, DescribeExpressions, DeleteExpression. */
public final class ExpressionApi {

    private final OptionService options;

    ExpressionApi(OptionService options) {
        this.options = options;
    }

    public DefineExpressionResponse defineExpression(RequestContext ctx, DefineExpressionRequest r) {
        return DefineExpressionResponse.builder()
                .expression(status(call(() -> options.defineExpression(ctx.accountId(), ctx.region(), r.domainName(), r.expression()))))
                .build();
    }

    public DescribeExpressionsResponse describeExpressions(RequestContext ctx, DescribeExpressionsRequest r) {
        return DescribeExpressionsResponse.builder().expressions(call(() -> options.describeExpressions(ctx.accountId(), ctx.region(),
                r.domainName(), r.expressionNames(), Boolean.TRUE.equals(r.deployed()))).stream().map(ExpressionApi::status).toList()).build();
    }

    public DeleteExpressionResponse deleteExpression(RequestContext ctx, DeleteExpressionRequest r) {
        return DeleteExpressionResponse.builder()
                .expression(status(call(() -> options.deleteExpression(ctx.accountId(), ctx.region(), r.domainName(), r.expressionName()))))
                .build();
    }

    private static ExpressionStatus status(OptionService.Described<Expression> d) {
        return ExpressionStatus.builder().options(d.options()).status(d.status()).build();
    }
}
