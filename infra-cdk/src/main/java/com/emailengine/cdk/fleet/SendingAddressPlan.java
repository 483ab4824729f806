package com.emailengine.cdk.fleet;

/** One configured source address: the private address a node binds to, whose tenant and EHLO (PTR) name. */
public record SendingAddressPlan(String privateIp, String tenantId, String ehloName) {
}
