package dev.safedelete.plan;

public enum PlanStatus {
    READY, BLOCKED, EXECUTING, EXECUTED, FAILED, EXPIRED
}
