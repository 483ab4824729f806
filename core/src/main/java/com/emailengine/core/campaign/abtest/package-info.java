/**
 * A/B tests of campaign steps with an automatic winner; pure domain, no I/O.
 *
 * <ul>
 *   <li>{@link com.emailengine.core.campaign.abtest.VariantSplit}: 2 to 10 {@link
 *       com.emailengine.core.campaign.abtest.Variant}s whose whole percents add up to 100, and the variant of a
 *       contact, fixed by its {@link com.emailengine.core.campaign.abtest.AssignmentKey} (contact, campaign, step)
 *       through SHA-256: the same in every retry and every process.</li>
 *   <li>{@link com.emailengine.core.campaign.abtest.TestPhase}: which contacts go first (a second hash, drawn apart
 *       from the variant's), which are held until the decision, and the exact {@link
 *       com.emailengine.core.campaign.abtest.PhasePlan} for an audience of known size.</li>
 *   <li>{@link com.emailengine.core.campaign.abtest.WinnerRule}: from each variant's {@link
 *       com.emailengine.core.campaign.abtest.VariantResult} and the {@link
 *       com.emailengine.core.campaign.abtest.WinnerTest}'s parameters, a {@link
 *       com.emailengine.core.campaign.abtest.WinnerDecision} with its reason in words; the statistical rule and
 *       what it promises are stated on the class.</li>
 * </ul>
 *
 * <p>Nothing here stores or schedules: the caller keeps the decision and calls the rule when the wait is over.
 */
package com.emailengine.core.campaign.abtest;
