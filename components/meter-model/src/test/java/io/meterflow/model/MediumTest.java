package io.meterflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MediumTest {

    @Test
    void codesAreLowerCaseNames() {
        assertThat(Medium.ELECTRICITY.code()).isEqualTo("electricity");
        assertThat(Medium.HOT_WATER.code()).isEqualTo("hot_water");
        assertThat(Medium.HEAT_COST_ALLOCATOR.code()).isEqualTo("heat_cost_allocator");
    }

    @Test
    void fromCodeAcceptsCodesAndNamesInAnyCase() {
        for (Medium medium : Medium.values()) {
            assertThat(Medium.fromCode(medium.code())).isSameAs(medium);
            assertThat(Medium.fromCode(medium.name())).isSameAs(medium);
        }
        assertThat(Medium.fromCode("Gas")).isSameAs(Medium.GAS);
        assertThat(Medium.fromCode(" hot_water ")).isSameAs(Medium.HOT_WATER);
    }

    @Test
    void unknownCodeListsAcceptedOnes() {
        assertThatThrownBy(() -> Medium.fromCode("steam"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"steam\"")
                .hasMessageContaining("electricity, gas, water, hot_water, heat, cooling, heat_cost_allocator, other");
        assertThatThrownBy(() -> Medium.fromCode(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> Medium.fromCode("hot-water"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void obisValueGroupA() {
        assertThat(Medium.ELECTRICITY.obisA()).isEqualTo(1);
        assertThat(Medium.HEAT_COST_ALLOCATOR.obisA()).isEqualTo(4);
        assertThat(Medium.COOLING.obisA()).isEqualTo(5);
        assertThat(Medium.HEAT.obisA()).isEqualTo(6);
        assertThat(Medium.GAS.obisA()).isEqualTo(7);
        assertThat(Medium.WATER.obisA()).isEqualTo(8);
        assertThat(Medium.HOT_WATER.obisA()).isEqualTo(9);
        assertThat(Medium.OTHER.obisA()).isEqualTo(0);
    }
}
