package com.emailengine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code email-engine campaigns list|show|activate|pause|resume|archive}: a tenant's campaigns through the API
 * (docs/campaigns.md), for an operator at a terminal or a script. A refusal prints every problem the API named.
 */
@Command(name = "campaigns", description = "Work with a tenant's campaigns through the API.",
        subcommands = {CampaignsCommand.ListCampaigns.class, CampaignsCommand.Show.class, CampaignsCommand.Activate.class,
                CampaignsCommand.Pause.class, CampaignsCommand.Resume.class, CampaignsCommand.Archive.class})
final class CampaignsCommand {

    /** What every subcommand takes: the API and the tenant. */
    static final class Target {
        @Mixin
        ApiOption api;

        @Option(names = "--tenant", required = true, description = "the tenant whose campaigns these are")
        String tenant;

        String base() {
            return "/api/v2/tenants/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/campaigns";
        }

        String campaign(String id) {
            return base() + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        }
    }

    @Command(name = "list", description = "List the tenant's campaigns: status, running and newest version.")
    static final class ListCampaigns implements Callable<Integer> {
        @Mixin
        Target target;

        @Option(names = "--archived", description = "also list archived campaigns")
        boolean archived;

        @Override
        public Integer call() {
            JsonNode list = target.api.call("GET", target.base() + (archived ? "?include_archived=true" : ""), null, null,
                    "campaigns of " + target.tenant).json();
            System.out.printf("%-24s %-14s %-9s %-8s %-8s %s%n", "ID", "KIND", "STATUS", "RUNNING", "NEWEST", "NAME");
            for (JsonNode campaign : list.path("campaigns")) {
                System.out.printf("%-24s %-14s %-9s %-8s %-8s %s%n", campaign.path("id").asText(), campaign.path("kind").asText(),
                        campaign.path("status").asText(), campaign.has("active_version") ? "v" + campaign.path("active_version").asInt() : "-",
                        "v" + campaign.path("latest_version").asInt(), campaign.path("name").asText());
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show a campaign and its running (or a given) version as JSON.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(paramLabel = "ID", description = "the campaign")
        String id;

        @Option(names = "--version", description = "the version to show (default: the running one, else the newest)")
        Integer version;

        @Override
        public Integer call() throws Exception {
            JsonNode found = target.api.call("GET", target.campaign(id) + (version == null ? "" : "?version=" + version), null, null,
                    "campaign " + id).json();
            System.out.println(com.emailengine.core.json.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(found));
            return 0;
        }
    }

    @Command(name = "activate", description = "Run a version of a campaign (the newest by default) after the activation "
            + "checks: templates, languages, features the scheduler runs.")
    static final class Activate implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(paramLabel = "ID", description = "the campaign")
        String id;

        @Option(names = "--version", description = "the version to run (default: the newest)")
        Integer version;

        @Override
        public Integer call() {
            byte[] body = version == null ? null : ("{\"version\": " + version + "}").getBytes(StandardCharsets.UTF_8);
            JsonNode campaign = target.api.call("POST", target.campaign(id) + "/activate", body == null ? null : "application/json",
                    body, "campaign " + id).json().path("campaign");
            System.out.println(id + ": " + campaign.path("status").asText() + ", version " + campaign.path("active_version").asInt());
            return 0;
        }
    }

    @Command(name = "pause", description = "Pause a campaign: nothing more is sent; its contacts wait where they are.")
    static final class Pause extends StatusChange {
        Pause() {
            super("pause");
        }
    }

    @Command(name = "resume", description = "Resume a paused campaign with the version it ran.")
    static final class Resume extends StatusChange {
        Resume() {
            super("resume");
        }
    }

    @Command(name = "archive", description = "Archive a campaign: the end; its enrollments stop, its history stays.")
    static final class Archive extends StatusChange {
        Archive() {
            super("archive");
        }
    }

    /** A status change by its route's last segment. */
    abstract static class StatusChange implements Callable<Integer> {
        private final String action;

        @Mixin
        Target target;

        @Parameters(paramLabel = "ID", description = "the campaign")
        String id;

        StatusChange(String action) {
            this.action = action;
        }

        @Override
        public Integer call() {
            JsonNode campaign = target.api.call("POST", target.campaign(id) + "/" + action, null, null, "campaign " + id).json();
            System.out.println(id + ": " + campaign.path("status").asText() + " (" + campaign.path("status_reason").asText() + ")");
            return 0;
        }
    }
}
