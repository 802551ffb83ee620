package io.haneul.cloudsearch;

import io.haneul.core.engine.RequestContext;
import software.amazon.awssdk.services.cloudsearch.model.DefineIndexFieldRequest;
import software.amazon.awssdk.services.cloudsearch.model.DefineIndexFieldResponse;
import software.amazon.awssdk.services.cloudsearch.model.DeleteIndexFieldRequest;
import software.amazon.awssdk.services.cloudsearch.model.DeleteIndexFieldResponse;
import software.amazon.awssdk.services.cloudsearch.model.DescribeIndexFieldsRequest;
import software.amazon.awssdk.services.cloudsearch.model.DescribeIndexFieldsResponse;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.IndexFieldStatus;

import static io.haneul.cloudsearch.CloudSearchErrors.call;

/** DefineIndexField, DescribeIndexFields, DeleteIndexField. */
public final class IndexFieldApi {

    private final OptionService options;

    IndexFieldApi(OptionService options) {
        this.options = options;
    }

    public DefineIndexFieldResponse defineIndexField(RequestContext ctx, DefineIndexFieldRequest r) {
        return DefineIndexFieldResponse.builder()
                .indexField(status(call(() -> options.defineIndexField(ctx.accountId(), ctx.region(), r.domainName(), r.indexField()))))
                .build();
    }

    public DescribeIndexFieldsResponse describeIndexFields(RequestContext ctx, DescribeIndexFieldsRequest r) {
        return DescribeIndexFieldsResponse.builder().indexFields(call(() -> options.describeIndexFields(ctx.accountId(), ctx.region(),
                r.domainName(), r.fieldNames(), Boolean.TRUE.equals(r.deployed()))).stream().map(IndexFieldApi::status).toList()).build();
    }

    public DeleteIndexFieldResponse deleteIndexField(RequestContext ctx, DeleteIndexFieldRequest r) {
        return DeleteIndexFieldResponse.builder()
                .indexField(status(call(() -> options.deleteIndexField(ctx.accountId(), ctx.region(), r.domainName(), r.indexFieldName()))))
                .build();
    }

    private static IndexFieldStatus status(OptionService.Described<IndexField> d) {
        return IndexFieldStatus.builder().options(d.options()).status(d.status()).build();
    }
}
