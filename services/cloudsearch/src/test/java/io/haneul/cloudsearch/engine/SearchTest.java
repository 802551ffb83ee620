package io.haneul.cloudsearch.engine;

import io.haneul.cloudsearch.engine.search.SearchException;
import io.haneul.cloudsearch.engine.search.SearchResult;
import io.haneul.cloudsearch.engine.suggest.SuggestResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudsearch.model.Expression;
import software.amazon.awssdk.services.cloudsearch.model.IndexField;
import software.amazon.awssdk.services.cloudsearch.model.Suggester;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The search parameters on a small movie catalogue: parsers, fq, sort, return, paging, facets, highlights, expressions, suggest. */
class SearchTest {

    @TempDir
    Path dir;
    EngineFixture fx;

    @BeforeEach
    void setUp() {
        fx = new EngineFixture(dir);
        fx.field("title", "text").field("plot", "text").field("genres", "literal-array").field("director", "literal")
                .field("year", "int").field("rating", "double").field("released", "date").field("location", "latlon")
                .field(IndexField.builder().indexFieldName("actors").indexFieldType("text-array").build());
        fx.expressions.add(Expression.builder().expressionName("popularity").expressionValue("rating * 10 + year / 1000").build());
        fx.suggesters.add(Suggester.builder().suggesterName("titles")
                .documentSuggesterOptions(o -> o.sourceField("title").fuzzyMatching("low").sortExpression("year")).build());
        fx.upload("""
                [{"type":"add","id":"tt1","fields":{"title":"Star Wars","plot":"A farm boy joins the rebellion against the empire",
                   "genres":["Action","Sci-Fi"],"director":"George Lucas","year":1977,"rating":8.6,"released":"1977-05-25T00:00:00Z",
                   "location":"37.7749,-122.4194","actors":["Mark Hamill","Harrison Ford"]}},
                 {"type":"add","id":"tt2","fields":{"title":"The Empire Strikes Back","plot":"The rebels are pursued by the empire",
                   "genres":["Action","Sci-Fi"],"director":"Irvin Kershner","year":1980,"rating":8.7,"released":"1980-05-21T00:00:00Z",
                   "location":"51.5074,-0.1278","actors":["Mark Hamill","Carrie Fisher"]}},
                 {"type":"add","id":"tt3","fields":{"title":"Star Trek","plot":"A young crew explores strange new worlds",
                   "genres":["Sci-Fi"],"director":"J.J. Abrams","year":2009,"rating":7.9,"released":"2009-05-08T00:00:00Z",
                   "location":"34.0522,-118.2437","actors":["Chris Pine"]}},
                 {"type":"add","id":"tt4","fields":{"title":"Raiders of the Lost Ark","plot":"An archaeologist races to find the ark",
                   "genres":["Action","Adventure"],"director":"Steven Spielberg","year":1981,"rating":8.4,"released":"1981-06-12T00:00:00Z",
                   "location":"30.0444,31.2357","actors":["Harrison Ford"]}}]""");
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private static Set<String> set(List<String> ids) {
        return Set.copyOf(ids);
    }

    @Test
    void simpleParserWithOperatorsFieldsAndDefaultOperator() {
        assertEquals(Set.of("tt1", "tt3"), set(fx.ids("q", "star")));
        assertEquals(Set.of("tt1"), set(fx.ids("q", "star -trek")));
        assertEquals(Set.of("tt1", "tt3", "tt4"), set(fx.ids("q", "star | raiders")));
        assertEquals(Set.of("tt2"), set(fx.ids("q", "\"empire strikes\"")));
        assertEquals(Set.of("tt1", "tt3"), set(fx.ids("q", "sta*")));
        assertEquals(Set.of(), set(fx.ids("q", "star empire", "q.options", "{fields:['title']}")));
        assertEquals(Set.of("tt1", "tt2", "tt3"), set(fx.ids("q", "star empire", "q.options", "{defaultOperator:'or',fields:['title']}")));
        assertEquals(Set.of("tt1", "tt2", "tt3"), set(fx.ids("q", "star empire", "q.options", "{defaultOperator:'50%',fields:['title']}")));
        assertEquals("tt2", fx.ids("q", "empire", "q.options", "{fields:['title^10','plot']}").getFirst());
        // with only the whitespace operator, '-' is an ordinary character
        assertEquals(Set.of("tt1", "tt3"), set(fx.ids("q", "star -trek", "q.options", "{defaultOperator:'or',operators:['whitespace'],fields:['title']}")));
    }

    @Test
    void structuredParserForms() {
        String p = "structured";
        assertEquals(Set.of("tt1"), set(fx.ids("q.parser", p, "q", "(and title:'star' (not title:'trek'))")));
        assertEquals(Set.of("tt1", "tt4"), set(fx.ids("q.parser", p, "q", "actors:'Harrison Ford'")));
        assertEquals(Set.of("tt2", "tt4"), set(fx.ids("q.parser", p, "q", "year:[1980,1981]")));
        assertEquals(Set.of("tt3", "tt4"), set(fx.ids("q.parser", p, "q", "year:{1980,}")));
        assertEquals(Set.of("tt1", "tt2"), set(fx.ids("q.parser", p, "q", "(range field=released {,'1980-12-31T00:00:00Z'])")));
        assertEquals(Set.of("tt3"), set(fx.ids("q.parser", p, "q", "(term field=director 'J.J. Abrams')")));
        assertEquals(Set.of("tt1", "tt3"), set(fx.ids("q.parser", p, "q", "(prefix field=title 'sta')")));
        assertEquals(Set.of("tt2"), set(fx.ids("q.parser", p, "q", "(phrase field=title 'empire strikes')")));
        assertEquals(Set.of("tt1"), set(fx.ids("q.parser", p, "q", "(near field=plot distance=3 'boy rebellion')")));
        assertEquals(Set.of(), set(fx.ids("q.parser", p, "q", "(near field=plot distance=1 'boy rebellion')")));
        assertEquals(4, fx.search("q.parser", p, "q", "matchall").found());
        assertEquals(Set.of("tt1", "tt2", "tt3"), set(fx.ids("q.parser", p, "q", "genres:'Sci-Fi'")));
        assertEquals(Set.of("tt1"), set(fx.ids("q.parser", p, "q", "(range field=location ['40,-125','35,-120'])")));
        assertEquals(Set.of("tt1", "tt2"), set(fx.ids("q.parser", p, "q", "(or rating:8.6 rating:8.7)")));
        assertEquals("tt3", fx.ids("q.parser", p, "q", "(or (term boost=10 field=title 'trek') title:'star')").getFirst());
    }

    @Test
    void luceneAndDismaxParsers() {
        assertEquals(Set.of("tt1"), set(fx.ids("q.parser", "lucene", "q", "title:star AND NOT title:trek")));
        assertEquals(Set.of("tt2", "tt4"), set(fx.ids("q.parser", "lucene", "q", "year:[1980 TO 1981]")));
        assertEquals(Set.of("tt3"), set(fx.ids("q.parser", "lucene", "q", "year:2009")));
        assertEquals(Set.of("tt1", "tt3"), set(fx.ids("q.parser", "dismax", "q", "star", "q.options", "{fields:['title^2','plot']}")));
        assertEquals(Set.of("tt1"), set(fx.ids("q.parser", "dismax", "q", "star -trek", "q.options", "{fields:['title','plot']}")));
        assertEquals("tt2", fx.ids("q.parser", "dismax", "q", "empire", "q.options",
                "{fields:['title','plot'],tieBreaker:0.1,phraseFields:['title'],phraseSlop:1}").getFirst());
    }

    @Test
    void filterQueriesDoNotChangeScoresOrderButNarrowMatches() {
        assertEquals(Set.of("tt3"), set(fx.ids("q", "star", "fq", "year:{2000,}")));
        assertEquals(Set.of("tt1", "tt2", "tt4"), set(fx.ids("q.parser", "structured", "q", "matchall", "fq", "genres:'Action'")));
    }

    @Test
    void sortByFieldsAndExpressions() {
        assertEquals(List.of("tt3", "tt4", "tt2", "tt1"), fx.ids("q", "matchall", "q.parser", "structured", "sort", "year desc"));
        assertEquals(List.of("tt2", "tt1", "tt4", "tt3"), fx.ids("q", "matchall", "q.parser", "structured", "sort", "popularity desc"));
        assertEquals(List.of("tt4", "tt3", "tt2", "tt1"),
                fx.ids("q", "matchall", "q.parser", "structured", "sort", "director desc, year asc"));
        // distance from Cairo: Raiders first, then London, then the two Californian films
        assertEquals(List.of("tt4", "tt2", "tt1", "tt3"), fx.ids("q", "matchall", "q.parser", "structured",
                "expr.distance", "haversin(30.0444,31.2357,location.latitude,location.longitude)", "sort", "distance asc"));
        assertThrows(SearchException.class, () -> fx.search("q", "star", "sort", "genres asc"));
        assertThrows(SearchException.class, () -> fx.search("q", "star", "sort", "year"));
        StringBuilder eleven = new StringBuilder("year asc");
        for (int i = 0; i < 10; i++) {
            eleven.append(",rating asc");
        }
        assertThrows(SearchException.class, () -> fx.search("q", "star", "sort", eleven.toString()));
    }

    @Test
    void returnFieldsScoreAndExpressions() {
        SearchResult r = fx.search("q", "trek", "return", "title,genres,_score,popularity");
        SearchResult.Hit hit = r.hits().getFirst();
        assertEquals("Star Trek", hit.fields().get("title"));
        assertEquals(List.of("Sci-Fi"), hit.fields().get("genres"));
        assertNotNull(hit.fields().get("_score"));
        assertEquals("81.009", hit.exprs().get("popularity"));
        assertTrue(fx.search("q", "trek", "return", "_no_fields").hits().getFirst().fields().isEmpty());
        assertEquals(9, fx.search("q", "trek").hits().getFirst().fields().size());
        assertThrows(SearchException.class, () -> fx.search("q", "trek", "return", "nosuch"));
    }

    @Test
    void startSizeAndCursorPaging() {
        List<String> all = fx.ids("q", "matchall", "q.parser", "structured", "sort", "year asc");
        assertEquals(all.subList(1, 3), fx.ids("q", "matchall", "q.parser", "structured", "sort", "year asc", "start", "1", "size", "2"));
        List<String> paged = new ArrayList<>();
        String cursor = "initial";
        for (int i = 0; i < 3; i++) {
            SearchResult page = fx.search("q", "matchall", "q.parser", "structured", "sort", "year asc", "size", "2", "cursor", cursor);
            page.hits().forEach(h -> paged.add(h.id()));
            cursor = page.cursor();
            assertEquals(4, page.found());
        }
        assertEquals(all, paged);
        assertThrows(SearchException.class, () -> fx.search("q", "x", "start", "9999", "size", "10"));
    }

    @Test
    void facetsByCountByBucketAndExplicitBuckets() {
        SearchResult r = fx.search("q", "matchall", "q.parser", "structured", "facet.genres", "{}",
                "facet.year", "{sort:'bucket',size:2}", "facet.rating", "{buckets:['[8.5,9]','{,8.5]']}", "facet.director", "{buckets:['George Lucas']}");
        assertEquals(List.of(new SearchResult.Bucket("Sci-Fi", 3), new SearchResult.Bucket("Action", 3),
                new SearchResult.Bucket("Adventure", 1)).stream().map(SearchResult.Bucket::value).sorted().toList(),
                r.facets().get("genres").stream().map(SearchResult.Bucket::value).sorted().toList());
        assertEquals(3, r.facets().get("genres").getFirst().count());
        assertEquals(List.of(new SearchResult.Bucket("1977", 1), new SearchResult.Bucket("1980", 1)), r.facets().get("year"));
        assertEquals(List.of(new SearchResult.Bucket("[8.5,9]", 2), new SearchResult.Bucket("{,8.5]", 2)), r.facets().get("rating"));
        assertEquals(List.of(new SearchResult.Bucket("George Lucas", 1)), r.facets().get("director"));
        assertEquals(List.of(new SearchResult.Bucket("Action", 2), new SearchResult.Bucket("Adventure", 1)),
                fx.search("q", "raiders | wars", "facet.genres", "{size:2}").facets().get("genres"));
        assertThrows(SearchException.class, () -> fx.search("q", "star", "facet.title", "{}"));
    }

    @Test
    void statsOfNumericFields() {
        SearchResult.FieldStats year = fx.search("q", "matchall", "q.parser", "structured", "stats.year", "{}").stats().get("year");
        assertEquals(4, year.count());
        assertEquals("1977", year.min());
        assertEquals("2009", year.max());
        assertEquals(1977 + 1980 + 2009 + 1981, year.sum(), 0.001);
        SearchResult.FieldStats released = fx.search("q", "star", "stats", "{\"released\":{}}").stats().get("released");
        assertEquals("1977-05-25T00:00:00Z", released.min());
        assertThrows(SearchException.class, () -> fx.search("q", "star", "stats.title", "{}"));
    }

    @Test
    void highlightsMarkMatchedWords() {
        SearchResult r = fx.search("q", "empire", "highlight.plot", "{}", "highlight.title", "{format:'text',pre_tag:'[',post_tag:']'}");
        SearchResult.Hit tt2 = r.hits().stream().filter(h -> h.id().equals("tt2")).findFirst().orElseThrow();
        assertEquals("The rebels are pursued by the <em>empire</em>", tt2.highlights().get("plot"));
        assertEquals("The [Empire] Strikes Back", tt2.highlights().get("title"));
    }

    @Test
    void expressionErrorsAndUnknownFieldsAreSearchExceptions() {
        assertThrows(SearchException.class, () -> fx.search("q", "x", "q.parser", "structured", "expr.bad", "year +", "sort", "bad desc"));
        assertThrows(SearchException.class, () -> fx.search("q", "nosuch:'x'", "q.parser", "structured"));
        assertThrows(SearchException.class, () -> fx.search("q", "(and title:'x'", "q.parser", "structured"));
        assertThrows(SearchException.class, () -> fx.search("q", "title:(", "q.parser", "lucene"));
        assertThrows(SearchException.class, () -> fx.search("q", "x", "q.parser", "nosuch"));
    }

    @Test
    void suggestersMatchPrefixesWithFuzziness() {
        SuggestResult r = fx.engine.suggest(fx.domain, fx.schema(), "titles", "sta", 10);
        assertEquals(Set.of("Star Wars", "Star Trek"), Set.copyOf(r.suggestions().stream().map(SuggestResult.Suggestion::suggestion).toList()));
        assertEquals("tt3", r.suggestions().getFirst().id()); // sorted by year, the later first
        assertEquals(Set.of("Star Wars", "Star Trek"),
                Set.copyOf(fx.engine.suggest(fx.domain, fx.schema(), "titles", "stor", 10).suggestions().stream()
                        .map(SuggestResult.Suggestion::suggestion).toList()));
        assertThrows(SearchException.class, () -> fx.engine.suggest(fx.domain, fx.schema(), "nosuch", "sta", 10));
        fx.upload("[{\"type\":\"add\",\"id\":\"tt5\",\"fields\":{\"title\":\"Stalker\",\"year\":1979}}]");
        assertEquals(3, fx.engine.suggest(fx.domain, fx.schema(), "titles", "sta", 10).suggestions().size());
        assertNull(fx.search("q", "star").cursor());
    }
}
