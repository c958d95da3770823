package dev.baton.assignment;

import static dev.baton.assignment.AssignmentAction.ACCEPT;
import static dev.baton.assignment.AssignmentAction.ASSIGN;
import static dev.baton.assignment.AssignmentAction.BLOCK;
import static dev.baton.assignment.AssignmentAction.CLOSE;
import static dev.baton.assignment.AssignmentAction.DECLINE;
import static dev.baton.assignment.AssignmentAction.ESCALATE;
import static dev.baton.assignment.AssignmentAction.OVERRIDE;
import static dev.baton.assignment.AssignmentAction.REASSIGN;
import static dev.baton.assignment.AssignmentAction.REOPEN;
import static dev.baton.assignment.AssignmentAction.ROUTE;
import static dev.baton.assignment.AssignmentAction.START;
import static dev.baton.assignment.AssignmentAction.UNBLOCK;
import static dev.baton.assignment.AssignmentState.ACCEPTED;
import static dev.baton.assignment.AssignmentState.BLOCKED;
import static dev.baton.assignment.AssignmentState.CLOSED;
import static dev.baton.assignment.AssignmentState.IN_PROGRESS;
import static dev.baton.assignment.AssignmentState.OFFERED;
import static dev.baton.assignment.AssignmentState.QUEUED;
import static dev.baton.assignment.AssignmentState.UNASSIGNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The transition table of DESIGN.md section 6, written out again by hand and compared. */
class TransitionsTest {

  /** Which actions each state allows, as the design states it. */
  private static final Map<AssignmentState, Set<AssignmentAction>> EXPECTED =
      Map.of(
          UNASSIGNED, EnumSet.of(ROUTE, ASSIGN, REASSIGN, OVERRIDE, CLOSE),
          QUEUED, EnumSet.of(ROUTE, ASSIGN, ACCEPT, REASSIGN, ESCALATE, OVERRIDE, CLOSE),
          OFFERED, EnumSet.of(ACCEPT, DECLINE, REASSIGN, ESCALATE, OVERRIDE, CLOSE),
          ACCEPTED, EnumSet.of(START, REASSIGN, ESCALATE, OVERRIDE, CLOSE),
          IN_PROGRESS, EnumSet.of(BLOCK, REASSIGN, ESCALATE, OVERRIDE, CLOSE),
          BLOCKED, EnumSet.of(UNBLOCK, REASSIGN, ESCALATE, OVERRIDE, CLOSE),
          CLOSED, EnumSet.of(REOPEN));

  static Stream<Arguments> everyStateAndAction() {
    return Stream.of(AssignmentState.values())
        .flatMap(s -> Stream.of(AssignmentAction.values()).map(a -> Arguments.of(s, a)));
  }

  @ParameterizedTest(name = "{1} from {0}")
  @MethodSource("everyStateAndAction")
  void tableAllowsExactlyTheDesignedTransitions(AssignmentState state, AssignmentAction action) {
    assertThat(Transitions.allowed(state, action))
        .isEqualTo(EXPECTED.getOrDefault(state, Set.of()).contains(action));
  }

  private static final Owner ALICE = Owner.person("alice");
  private static final Owner BOB = Owner.person("bob");
  private static final Owner TRIAGE = Owner.queue("triage");

  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of(UNASSIGNED, null, ASSIGN, ALICE, OFFERED, ALICE),
        Arguments.of(UNASSIGNED, null, ASSIGN, TRIAGE, QUEUED, TRIAGE),
        Arguments.of(QUEUED, TRIAGE, ACCEPT, BOB, ACCEPTED, BOB),
        Arguments.of(OFFERED, ALICE, ACCEPT, null, ACCEPTED, ALICE),
        Arguments.of(OFFERED, ALICE, DECLINE, null, UNASSIGNED, null),
        Arguments.of(ACCEPTED, ALICE, START, null, IN_PROGRESS, ALICE),
        Arguments.of(IN_PROGRESS, ALICE, BLOCK, null, BLOCKED, ALICE),
        Arguments.of(BLOCKED, ALICE, UNBLOCK, null, IN_PROGRESS, ALICE),
        Arguments.of(IN_PROGRESS, ALICE, REASSIGN, TRIAGE, QUEUED, TRIAGE),
        Arguments.of(BLOCKED, ALICE, ESCALATE, BOB, OFFERED, BOB),
        Arguments.of(QUEUED, TRIAGE, OVERRIDE, BOB, ACCEPTED, BOB),
        Arguments.of(IN_PROGRESS, ALICE, CLOSE, null, CLOSED, ALICE),
        Arguments.of(CLOSED, ALICE, REOPEN, null, UNASSIGNED, null));
  }

  @ParameterizedTest(name = "{2} from {0} to {3} gives {4} held by {5}")
  @MethodSource("outcomes")
  void eachActionLeadsToItsState(
      AssignmentState from,
      Owner owner,
      AssignmentAction action,
      Owner target,
      AssignmentState to,
      Owner newOwner) {
    assertThat(Transitions.apply(from, owner, action, target))
        .isEqualTo(new Transitions.Outcome(to, newOwner));
  }

  @Test
  void routeIsCompletedByTheRouterNotTheTable() {
    assertThatThrownBy(() -> Transitions.apply(UNASSIGNED, null, ROUTE, null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void applyingADisallowedActionIsAProgrammingError() {
    assertThatThrownBy(() -> Transitions.apply(CLOSED, ALICE, START, null))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void allowedActionsAreListedInTableOrder() {
    assertThat(Transitions.allowedFrom(UNASSIGNED))
        .containsExactly(ROUTE, ASSIGN, REASSIGN, OVERRIDE, CLOSE);
  }

  @Test
  void actionsThatNeedAReasonAreDeclineBlockReassignAndOverride() {
    assertThat(Stream.of(AssignmentAction.values()).filter(AssignmentAction::reasonRequired))
        .containsExactly(DECLINE, BLOCK, REASSIGN, OVERRIDE);
  }

  @Test
  void eventTypesArePastTenseAndAssignToAQueueIsQueued() {
    assertThat(ASSIGN.eventType(Owner.Kind.PERSON)).isEqualTo("assignment.routed");
    assertThat(ASSIGN.eventType(Owner.Kind.QUEUE)).isEqualTo("assignment.queued");
    assertThat(OVERRIDE.eventType(Owner.Kind.PERSON)).isEqualTo("assignment.overridden");
    assertThat(REOPEN.eventType(null)).isEqualTo("assignment.reopened");
  }
}
