package dev.baton.policy;

/**
 * Whether an escalation policy exists: the escalation module answers it, so that activating a
 * routing policy refuses a rule that names one the tenant does not have.
 */
public interface EscalationPolicyNames {

  boolean exists(String tenantId, String name);
}
