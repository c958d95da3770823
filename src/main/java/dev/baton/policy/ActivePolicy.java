package dev.baton.policy;

/** A policy version in effect, compiled once and shared. */
public record ActivePolicy(String name, int version, RolloutMode mode, CompiledPolicy compiled) {}
