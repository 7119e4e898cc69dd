package dev.safedelete.plan;

public enum PlanStatus {
    READY, BLOCKED, EXECUTED, FAILED, EXPIRED
}
