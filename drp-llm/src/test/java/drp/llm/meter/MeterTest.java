package drp.llm.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import drp.core.chat.ChatRequest;
import drp.core.chat.Usage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeterTest {

    @Test
    void priceOfTokens() {
        Price gpt4o = new Price(2.5, 10);
        assertThat(gpt4o.cost(new Usage(1_000_000, 100_000))).isCloseTo(3.5, within(1e-12));
        assertThat(gpt4o.times(0.5).cost(2_000_000, 0)).isCloseTo(2.5, within(1e-12));
        assertThatThrownBy(() -> new Price(-1, 0)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new Price(Double.NaN, 0)).hasMessageContaining(">= 0");
    }

    @Test
    void priceTableFindsDatedModelsByPrefix() {
        PriceTable table = new PriceTable(Map.of("gpt-4o", new Price(2.5, 10), "gpt-4o-mini", new Price(0.15, 0.6)));
        assertThat(table.priceOf("gpt-4o")).contains(new Price(2.5, 10));
        assertThat(table.priceOf("gpt-4o-2024-08-06")).contains(new Price(2.5, 10));
        assertThat(table.priceOf("gpt-4o-mini-2024-07-18")).contains(new Price(0.15, 0.6));
        assertThat(table.priceOf("o3")).isEmpty();
    }

    @Test
    void costEstimateBeforeAStage() {
        // the paper's teacher load: 7,473 GSM8K traces, two calls each
        CostEstimate estimate = CostEstimate.of(2 * 7473, 1500, 1200, new Price(2.5, 10));
        assertThat(estimate.cost()).isCloseTo(2 * 7473 * (1500 * 2.5 + 1200 * 10) / 1e6, within(1e-9));
        assertThat(estimate.describe()).startsWith("14,946 requests, 22.4M tokens in + 17.9M out, about $235.40");
    }

    @Test
    void costOfTheRequestsAStageIsAboutToMake() {
        java.util.List<ChatRequest> requests = java.util.List.of(
                ChatRequest.builder().user("x".repeat(35)).maxTokens(100).build(),
                ChatRequest.builder().user("y".repeat(70)).n(2).build());
        CostEstimate estimate = CostEstimate.forRequests(requests, TokenEstimate.approximate(), 500, new Price(1, 2));
        // prompts: ceil(36 / 3.5) + 4 = 15 and ceil(71 / 3.5) + 4 = 25; completions: 100 + 2 * 500
        assertThat(estimate).isEqualTo(new CostEstimate(2, 40, 1100, new Price(1, 2)));
        assertThat(estimate.cost()).isCloseTo((40 + 2200) / 1e6, within(1e-12));
    }

    @Test
    void meterSumsPerModel() {
        UsageMeter meter = new UsageMeter();
        Price price = new Price(250_000, 500_000);
        meter.record("a", new Usage(10, 5), price); // 2.5 + 2.5
        meter.record("a", new Usage(1, 1), price); // 0.25 + 0.5
        meter.recordFailure("b");
        assertThat(meter.snapshot()).containsExactly(
                new ModelUsage("a", 2, 0, 11, 6, 5.75), new ModelUsage("b", 0, 1, 0, 0, 0));
        assertThat(meter.totalCost()).isEqualTo(5.75);
    }

    @Test
    void estimatesErOnTheSafeSide() {
        ChatRequest request = ChatRequest.builder().system("You are terse.").user("What is 12 * 7?").n(3).build();
        assertThat(TokenEstimate.approximate().promptTokens(request)).isEqualTo((long) Math.ceil(31 / 3.5) + 8);
        assertThat(TokenEstimate.completionTokens(request, 100)).isEqualTo(300);
        assertThat(TokenEstimate.completionTokens(request.toBuilder().maxTokens(7).build(), 100)).isEqualTo(21);
        assertThat(TokenEstimate.exact(new drp.core.token.TokenCounter() {
            @Override
            public String name() {
                return "chars";
            }

            @Override
            public int count(String text) {
                return text.length();
            }
        }).promptTokens(request)).isEqualTo(14 + 4 + 15 + 4);
    }
}
