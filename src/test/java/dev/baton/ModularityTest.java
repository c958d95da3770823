package dev.baton;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The capability modules only use each other's public API and have no cycles. */
class ModularityTest {

  @Test
  void modulesRespectTheirBoundaries() {
    ApplicationModules.of(BatonApplication.class).verify();
  }
}
