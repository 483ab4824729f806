package com.emailengine.core.campaign.catalog;

import com.emailengine.core.campaign.Campaign;
import com.emailengine.core.campaign.CampaignStep;
import com.emailengine.core.campaign.Campaigns;
import com.emailengine.core.campaign.definition.Audience;
import com.emailengine.core.campaign.definition.CampaignDefinition;
import com.emailengine.core.campaign.definition.CampaignKind;
import com.emailengine.core.campaign.definition.DailyCaps;
import com.emailengine.core.campaign.definition.InvalidCampaignException;
import com.emailengine.core.campaign.definition.StepDefinition;
import com.emailengine.core.tenant.Tenant;
import com.emailengine.core.tenant.Tenants;
import java.util.List;
import java.util.Optional;

/**
 * The campaigns shipped in {@code campaigns.yaml} (the tenants' welcome sequences) put into the campaign store at
 * first start (D46): created and activated unless the tenant already has a campaign of that id, whatever an operator
 * did with it since.
 */
public final class SeedCampaigns {

    private SeedCampaigns() {
    }

    /** @return the campaigns this call created, as {@code tenant/id} */
    public static List<String> seed(CampaignCatalog catalog, Tenants tenants, Campaigns shipped) {
        return shipped.all().stream().filter(campaign -> {
            Tenant tenant = tenants.find(campaign.tenantId()).orElseThrow(() ->
                    new IllegalStateException("campaign " + campaign.id() + " names unknown tenant " + campaign.tenantId()));
            try {
                return catalog.seed(tenant, definition(campaign));
            } catch (InvalidCampaignException invalid) {
                // Not fatal: the other tenants' campaigns still seed, and an operator fixes this one through the API.
                System.getLogger(SeedCampaigns.class.getName()).log(System.Logger.Level.WARNING, "shipped campaign "
                        + campaign.tenantId() + "/" + campaign.id() + " not seeded: " + invalid.code() + ": " + invalid.problems());
                return false;
            }
        }).map(campaign -> campaign.tenantId() + "/" + campaign.id()).toList();
    }

    static CampaignDefinition definition(Campaign campaign) {
        List<StepDefinition> steps = campaign.steps().stream().map(SeedCampaigns::step).toList();
        return new CampaignDefinition(campaign.id(), campaign.id(), CampaignKind.SEQUENCE, Audience.EVERYONE, Optional.empty(),
                Optional.empty(), steps, Optional.empty(), DailyCaps.NONE, Optional.empty(), true, List.of());
    }

    private static StepDefinition step(CampaignStep step) {
        return new StepDefinition(step.number(), step.templateKey(), step.templateVersion(), Optional.of(step.delay()),
                Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }
}
