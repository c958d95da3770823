package dev.baton.assignment;

import dev.baton.platform.BatonException;
import dev.baton.platform.Validation;
import dev.baton.roster.People;
import dev.baton.roster.Queue;
import dev.baton.roster.Queues;
import dev.baton.roster.Teams;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks a command's target and reason against its action, and whether the actor may take it.
 * Returns the target the transition uses (for {@code accept}, the person who takes the work).
 */
final class CheckCommand {

  private final String tenantId;
  private final People people;
  private final Queues queues;
  private final Teams teams;

  CheckCommand(String tenantId, People people, Queues queues, Teams teams) {
    this.tenantId = tenantId;
    this.people = people;
    this.queues = queues;
    this.teams = teams;
  }

  @Nullable Owner check(Assignment current, AssignmentCommand command) {
    AssignmentAction action = command.action();
    Owner to = command.to();
    Validation v = new Validation();
    v.when(
        action.reasonRequired() && (command.reason() == null || command.reason().isBlank()),
        "reason",
        "is required for '" + action.wireName() + "'");
    v.maxLength(command.reason(), "reason", 2000);
    switch (action.target()) {
      case NONE -> v.when(to != null, "to", "is not used by '" + action.wireName() + "'");
      case PERSON ->
          v.require(to, "to")
              .when(
                  to != null && to.kind() != Owner.Kind.PERSON,
                  "to",
                  "'" + action.wireName() + "' needs a person: 'person:<id>'");
      case OPTIONAL_PERSON ->
          v.when(
              to != null && to.kind() != Owner.Kind.PERSON,
              "to",
              "'" + action.wireName() + "' takes a person: 'person:<id>'");
      case PERSON_OR_QUEUE -> v.require(to, "to");
    }
    v.check();
    if (to != null) {
      boolean exists =
          to.kind() == Owner.Kind.PERSON
              ? people.exists(tenantId, to.id())
              : queues.find(tenantId, to.id()).isPresent();
      if (!exists) {
        throw new BatonException.InvalidInput(
            "to", to.kind().prefix() + " '" + to.id() + "' does not exist");
      }
    }
    return mayAct(current, action, to, command.actor().personId(), command.overrideAllowed());
  }

  /**
   * Whether the acting person (null for the system) may take {@code action} on {@code current}; for
   * {@code accept}, returns who takes the work, else {@code to}. Also checks actions whose target
   * the Router picks later ({@code reassign} by policy).
   */
  @Nullable Owner mayAct(
      Assignment current,
      AssignmentAction action,
      @Nullable Owner to,
      @Nullable String actingPerson,
      boolean overrideAllowed) {
    switch (action) {
      case ACCEPT -> {
        return accepter(current, to, actingPerson);
      }
      case DECLINE -> requireHolder(current, actingPerson, "decline");
      case START, BLOCK, UNBLOCK -> requireHolder(current, actingPerson, action.wireName());
      case REASSIGN, ESCALATE, CLOSE -> requireHolderOrLead(current, actingPerson, action);
      case OVERRIDE -> {
        if (!overrideAllowed) {
          throw new BatonException.Forbidden("'override' needs the 'work-items:override' scope");
        }
      }
      default -> {}
    }
    return to;
  }

  /** Who takes the work on accept: the offered person, or a member claiming from a queue. */
  private Owner accepter(Assignment current, @Nullable Owner to, @Nullable String actingPerson) {
    Owner owner = Objects.requireNonNull(current.owner(), "an open assignment has an owner");
    if (current.state() == AssignmentState.OFFERED) {
      if (to != null && !to.equals(owner)) {
        throw new BatonException.InvalidInput(
            "to", "the work is offered to " + owner + "; only they can accept it");
      }
      requireHolder(current, actingPerson, "accept");
      return owner;
    }
    String claimer = to != null ? to.id() : actingPerson;
    if (claimer == null) {
      throw new BatonException.InvalidInput(
          "to", "claiming from a queue needs a person: give 'to' or act as a person");
    }
    Optional<Queue> queue = queues.find(tenantId, owner.id());
    String team = queue.map(Queue::team).orElse(null);
    if (team == null || !teams.isMember(tenantId, team, claimer)) {
      String message =
          "person '" + claimer + "' is not a member of team '" + team + "', which owns " + owner;
      if (to != null) {
        throw new BatonException.InvalidInput("to", message);
      }
      throw new BatonException.Forbidden(message);
    }
    return Owner.person(claimer);
  }

  /**
   * Moving or closing work: a person may do it to work they hold, or as a lead of a team the holder
   * belongs to (or that owns the holding queue). Unowned work is anyone's to move.
   */
  private void requireHolderOrLead(
      Assignment current, @Nullable String actingPerson, AssignmentAction action) {
    Owner owner = current.owner();
    if (actingPerson == null || owner == null) {
      return;
    }
    if (owner.kind() == Owner.Kind.PERSON && owner.id().equals(actingPerson)) {
      return;
    }
    java.util.List<String> holderTeams =
        owner.kind() == Owner.Kind.PERSON
            ? teams.teamsOf(tenantId, owner.id())
            : queues
                .find(tenantId, owner.id())
                .map(q -> java.util.List.of(q.team()))
                .orElse(java.util.List.of());
    for (String team : holderTeams) {
      if (teams.isLead(tenantId, team, actingPerson)) {
        return;
      }
    }
    throw new BatonException.Forbidden(
        "only "
            + owner
            + " or a lead of their team can "
            + action.wireName()
            + " this work; you act as person:"
            + actingPerson);
  }

  /** A person acting on work held by someone else is refused; service tokens act for the system. */
  private static void requireHolder(
      Assignment current, @Nullable String actingPerson, String action) {
    Owner owner = current.owner();
    if (actingPerson != null
        && owner != null
        && owner.kind() == Owner.Kind.PERSON
        && !owner.id().equals(actingPerson)) {
      throw new BatonException.Forbidden(
          "only " + owner + " can " + action + " this work; you act as person:" + actingPerson);
    }
  }
}
