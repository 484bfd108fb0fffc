package dev.filial.node.catalog;

import static dev.filial.node.catalog.PriceQueryTest.assertAmounts;
import static dev.filial.node.catalog.PriceQueryTest.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.filial.node.Node;
import dev.filial.node.catalog.Quote.DiscountLevel;
import dev.filial.node.store.Engine;
import dev.filial.node.support.TestHub;
import dev.filial.node.support.TestNodes;
import dev.filial.protocol.change.NodeCode;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each discount level winning over the less specific ones, nearest-ancestor matching and validity
 * periods, on the rules of {@link TestCatalog}. All prices in EUR, VAT 20 % unless said.
 */
class PriceQueryDiscountTest {

    @TempDir
    Path directory;

    private Node open(Engine engine) throws Exception {
        return TestNodes.create(directory, "MSK", engine, new TestHub(NodeCode.parse("MSK")));
    }

    private static void assertDiscount(Quote quote, DiscountLevel level, String percent, String ruleId, String description) {
        assertThat(quote.discountLevel()).isEqualTo(level);
        assertThat(quote.discountPercent()).isEqualByComparingTo(percent);
        assertThat(quote.discountRuleId()).isEqualTo(ruleId);
        assertThat(quote.discountRule()).isEqualTo(description);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void customerRuleOnTheGroupBeatsEverythingElse(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // 2025-02-01: (a) Power tools 10, (b) 5, (c) own 3, (d) 6 and 7, (e) 4 all apply; (a) wins.
            // DRILL is in Drills, which has no rule: Power tools is its nearest ancestor with one.
            // wholesale 95 x 0.90 = 85.50; VAT 17.10; gross 102.60
            Quote february = query.quote(catalog.id("BAUMARKT"), catalog.id("DRILL"), "EUR", day("2025-02-01"));
            assertDiscount(february, DiscountLevel.CUSTOMER_GROUP, "10", catalog.id("baumarkt-power"),
                    "customer rule on group 'Power tools' (ancestor of 'Drills')");
            assertAmounts(february, "85.50", "17.10", "102.60");

            // 2025-11-10: the 15 % rule for everyone applies too, and (a) still wins with 10 %
            Quote november = query.quote(catalog.id("BAUMARKT"), catalog.id("DRILL"), "EUR", day("2025-11-10"));
            assertThat(november.discountLevel()).isEqualTo(DiscountLevel.CUSTOMER_GROUP);
            assertAmounts(november, "85.50", "17.10", "102.60");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void customerRuleOnAllProductsBeatsOwnDiscountAndCategory(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // HAMMER (Hand tools) is outside Power tools, so no (a); (b) 5 % beats own 3, category 7 and 4.
            // wholesale 15 x 0.95 = 14.25; VAT 2.85; gross 17.10
            Quote hammer = query.quote(catalog.id("BAUMARKT"), catalog.id("HAMMER"), "EUR", day("2025-02-01"));
            assertDiscount(hammer, DiscountLevel.CUSTOMER, "5", catalog.id("baumarkt-all"), "customer rule on all products");
            assertAmounts(hammer, "14.25", "2.85", "17.10");

            // last day of the rule (valid_to inclusive): 6.50 x 0.95 = 6.175 -> 6.18; VAT 1.236 -> 1.24; gross 7.42
            Quote gloves = query.quote(catalog.id("BAUMARKT"), catalog.id("GLOVES"), "EUR", day("2025-03-31"));
            assertThat(gloves.discountLevel()).isEqualTo(DiscountLevel.CUSTOMER);
            assertAmounts(gloves, "6.18", "1.24", "7.42");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void ownDiscountBeatsCategoryRules(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // the (b) rule ended 2025-03-31; own 3 % beats category A on Tools 7 % (d) and on all 4 % (e).
            // 15 x 0.97 = 14.55; VAT 2.91; gross 17.46
            Quote hammer = query.quote(catalog.id("BAUMARKT"), catalog.id("HAMMER"), "EUR", day("2025-04-01"));
            assertDiscount(hammer, DiscountLevel.CUSTOMER_OWN, "3", null, "customer's own discount");
            assertAmounts(hammer, "14.55", "2.91", "17.46");

            // 6.50 x 0.97 = 6.305 -> 6.31; VAT 1.262 -> 1.26; gross 7.57
            Quote gloves = query.quote(catalog.id("BAUMARKT"), catalog.id("GLOVES"), "EUR", day("2025-05-01"));
            assertThat(gloves.discountLevel()).isEqualTo(DiscountLevel.CUSTOMER_OWN);
            assertAmounts(gloves, "6.31", "1.26", "7.57");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void categoryRuleOnTheNearestGroupBeatsLargerAndLessSpecificOnes(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // ANNA (category A) on DRILL, 2025-11-10: Power tools 6 % is nearer than Tools 7 %; it also beats
            // category-wide 4 % and the 15 % rule for everyone. 132.50 x 0.94 = 124.55; VAT 24.91; gross 149.46
            Quote drill = query.quote(catalog.id("ANNA"), catalog.id("DRILL"), "EUR", day("2025-11-10"));
            assertDiscount(drill, DiscountLevel.CATEGORY_GROUP, "6", catalog.id("a-power"),
                    "category A rule on group 'Power tools' (ancestor of 'Drills')");
            assertAmounts(drill, "124.55", "24.91", "149.46");

            // HAMMER is in Hand tools, under Tools: 19.99 x 0.93 = 18.5907 -> 18.59; VAT 3.718 -> 3.72; gross 22.31
            Quote hammer = query.quote(catalog.id("ANNA"), catalog.id("HAMMER"), "EUR", day("2025-05-01"));
            assertDiscount(hammer, DiscountLevel.CATEGORY_GROUP, "7", catalog.id("a-tools"),
                    "category A rule on group 'Tools' (ancestor of 'Hand tools')");
            assertAmounts(hammer, "18.59", "3.72", "22.31");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void categoryRuleOnAllProductsAppliesOutsideTheRuledGroups(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // GLOVES (Workwear): 8.99 x 0.96 = 8.6304 -> 8.63; VAT 1.726 -> 1.73; gross 10.36
            Quote gloves = query.quote(catalog.id("ANNA"), catalog.id("GLOVES"), "EUR", day("2025-05-01"));
            assertDiscount(gloves, DiscountLevel.CATEGORY, "4", catalog.id("a-all"), "category A rule on all products");
            assertAmounts(gloves, "8.63", "1.73", "10.36");

            // MANUAL has no group and VAT 7 %: 12.34 x 0.96 = 11.8464 -> 11.85; VAT 0.8295 -> 0.83; gross 12.68
            Quote manual = query.quote(catalog.id("ANNA"), catalog.id("MANUAL"), "EUR", day("2025-05-01"));
            assertThat(manual.discountLevel()).isEqualTo(DiscountLevel.CATEGORY);
            assertAmounts(manual, "11.85", "0.83", "12.68");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void groupRuleForEveryoneAppliesOnlyWithinItsPeriod(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");
            String jan = catalog.id("JAN");
            String drill = catalog.id("DRILL");

            // 2025-11-10: 15 % and 12 % on Power tools both apply; the larger wins.
            // 132.50 x 0.85 = 112.625 -> 112.63; VAT 22.526 -> 22.53; gross 135.16
            Quote tenth = query.quote(jan, drill, "EUR", day("2025-11-10"));
            assertDiscount(tenth, DiscountLevel.GROUP, "15", catalog.id("november-15"),
                    "rule for everyone on group 'Power tools' (ancestor of 'Drills')");
            assertAmounts(tenth, "112.63", "22.53", "135.16");

            // valid_to is inclusive; the day after, no discount: 132.50; VAT 26.50; gross 159.00
            assertThat(query.quote(jan, drill, "EUR", day("2025-11-30")).discountPercent()).isEqualByComparingTo("15");
            Quote december = query.quote(jan, drill, "EUR", day("2025-12-01"));
            assertDiscount(december, DiscountLevel.NONE, "0", null, "no discount applies");
            assertAmounts(december, "132.50", "26.50", "159.00");
            // not yet valid the day before valid_from
            assertThat(query.quote(jan, drill, "EUR", day("2025-10-31")).discountLevel()).isEqualTo(DiscountLevel.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anExpiredRuleNoLongerApplies(Engine engine) throws Exception {
        try (Node node = open(engine)) {
            TestCatalog catalog = TestCatalog.build(node);
            PriceQuery query = new PriceQuery(node.database(), "EUR");

            // on its last day the 2024 rule on Tools (ancestor of Hand tools) gives 2 % on the 2024 price:
            // 18 x 0.98 = 17.64; VAT 3.528 -> 3.53; gross 21.17
            Quote last = query.quote(catalog.id("JAN"), catalog.id("HAMMER"), "EUR", day("2024-12-31"));
            assertDiscount(last, DiscountLevel.GROUP, "2", catalog.id("tools-2024"),
                    "rule for everyone on group 'Tools' (ancestor of 'Hand tools')");
            assertAmounts(last, "17.64", "3.53", "21.17");

            // expired the next day: 19.99; VAT 3.998 -> 4.00; gross 23.99
            Quote next = query.quote(catalog.id("JAN"), catalog.id("HAMMER"), "EUR", day("2025-01-01"));
            assertThat(next.discountLevel()).isEqualTo(DiscountLevel.NONE);
            assertAmounts(next, "19.99", "4.00", "23.99");
        }
    }
}
