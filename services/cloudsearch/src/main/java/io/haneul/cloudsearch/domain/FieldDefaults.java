package io.haneul.cloudsearch.domain;

import software.amazon.awssdk.services.cloudsearch.model.DateArrayOptions;
import software.amazon.awssdk.services.cloudsearch.model.DateOptions;
import software.amazon.awssdk.services.cloudsearch.model.DoubleArrayOptions;
import software.amazon.awssdk.services.cloudsearch.model.DoubleOptions;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.IntArrayOptions;
import software.amazon.awssdk.services.cloudsearch.model.IntOptions;
import software.amazon.awssdk.services.cloudsearch.model.LatLonOptions;
import software.amazon.awssdk.services.cloudsearch.model.LiteralArrayOptions;
import software.amazon.awssdk.services.cloudsearch.model.LiteralOptions;
import software.amazon.awssdk.services.cloudsearch.model.TextArrayOptions;
import software.amazon.awssdk.services.cloudsearch.model.TextOptions;

/**
 * A field with every option its type has spelled out, as the search side should apply it. AWS
 * enables an option the definition leaves out (a field defined with only its type is searchable,
 * facetable, returnable and sortable where its type allows), and text fields default to the
 * {@code _en_default_} analysis scheme. DescribeIndexFields answers the definition as given; this
 * is what {@link io.haneul.cloudsearch.engine.DomainDirectory} hands the engine.
 */
public final class FieldDefaults {

    private FieldDefaults() {
    }

    public static IndexField effective(IndexField f) {
        IndexField.Builder b = f.toBuilder();
        switch (f.indexFieldTypeAsString()) {
            case "int" -> {
                IntOptions o = f.intOptions() == null ? IntOptions.builder().build() : f.intOptions();
                b.intOptions(o.toBuilder().facetEnabled(on(o.facetEnabled())).searchEnabled(on(o.searchEnabled()))
                        .returnEnabled(on(o.returnEnabled())).sortEnabled(on(o.sortEnabled())).build());
            }
            case "double" -> {
                DoubleOptions o = f.doubleOptions() == null ? DoubleOptions.builder().build() : f.doubleOptions();
                b.doubleOptions(o.toBuilder().facetEnabled(on(o.facetEnabled())).searchEnabled(on(o.searchEnabled()))
                        .returnEnabled(on(o.returnEnabled())).sortEnabled(on(o.sortEnabled())).build());
            }
            case "literal" -> {
                LiteralOptions o = f.literalOptions() == null ? LiteralOptions.builder().build() : f.literalOptions();
                b.literalOptions(o.toBuilder().facetEnabled(on(o.facetEnabled())).searchEnabled(on(o.searchEnabled()))
                        .returnEnabled(on(o.returnEnabled())).sortEnabled(on(o.sortEnabled())).build());
            }
            case "date" -> {
                DateOptions o = f.dateOptions() == null ? DateOptions.builder().build() : f.dateOptions();
                b.dateOptions(o.toBuilder().facetEnabled(on(o.facetEnabled())).searchEnabled(on(o.searchEnabled()))
                        .returnEnabled(on(o.returnEnabled())).sortEnabled(on(o.sortEnabled())).build());
            }
            case "latlon" -> {
                LatLonOptions o = f.latLonOptions() == null ? LatLonOptions.builder().build() : f.latLonOptions();
                b.latLonOptions(o.toBuilder().facetEnabled(on(o.facetEnabled())).searchEnabled(on(o.searchEnabled()))
                        .returnEnabled(on(o.returnEnabled())).sortEnabled(on(o.sortEnabled())).build());
            }
            case "text" -> {
                TextOptions o = f.textOptions() == null ? TextOptions.builder().build() : f.textOptions();
                b.textOptions(o.toBuilder().returnEnabled(on(o.returnEnabled())).sortEnabled(on(o.sortEnabled()))
                        .highlightEnabled(on(o.highlightEnabled()))
                        .analysisScheme(o.analysisScheme() == null ? "_en_default_" : o.analysisScheme()).build());
            }
            case "int-array" -> {
                IntArrayOptions o = f.intArrayOptions() == null ? IntArrayOptions.builder().build() : f.intArrayOptions();
                b.intArrayOptions(o.toBuilder().facetEnabled(on(o.facetEnabled())).searchEnabled(on(o.searchEnabled()))
                        .returnEnabled(on(o.returnEnabled())).build());
            }
            case "double-array" -> {
                DoubleArrayOptions o = f.doubleArrayOptions() == null ? DoubleArrayOptions.builder().build() : f.doubleArrayOptions();
                b.doubleArrayOptions(o.toBuilder().facetEnabled(on(o.facetEnabled())).searchEnabled(on(o.searchEnabled()))
                        .returnEnabled(on(o.returnEnabled())).build());
            }
            case "literal-array" -> {
                LiteralArrayOptions o = f.literalArrayOptions() == null ? LiteralArrayOptions.builder().build() : f.literalArrayOptions();
                b.literalArrayOptions(o.toBuilder().facetEnabled(on(o.facetEnabled())).searchEnabled(on(o.searchEnabled()))
                        .returnEnabled(on(o.returnEnabled())).build());
            }
            case "date-array" -> {
                DateArrayOptions o = f.dateArrayOptions() == null ? DateArrayOptions.builder().build() : f.dateArrayOptions();
                b.dateArrayOptions(o.toBuilder().facetEnabled(on(o.facetEnabled())).searchEnabled(on(o.searchEnabled()))
                        .returnEnabled(on(o.returnEnabled())).build());
            }
            case "text-array" -> {
                TextArrayOptions o = f.textArrayOptions() == null ? TextArrayOptions.builder().build() : f.textArrayOptions();
                b.textArrayOptions(o.toBuilder().returnEnabled(on(o.returnEnabled())).highlightEnabled(on(o.highlightEnabled()))
                        .analysisScheme(o.analysisScheme() == null ? "_en_default_" : o.analysisScheme()).build());
            }
            default -> {
            }
        }
        return b.build();
    }

    private static boolean on(Boolean value) {
        return value == null || value;
    }
}
