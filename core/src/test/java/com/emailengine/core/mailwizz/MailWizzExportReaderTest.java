package com.emailengine.core.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class MailWizzExportReaderTest {

    @Test
    void readsAutorespondersFromMailWizzsApiJsonWithNestedOptions() {
        String json = """
                {"status":"success","data":{"records":[
                  {"campaign_uid":"ab12","name":"J+3","type":"autoresponder","status":"sending","subject":"Bonjour [FNAME]",
                   "list":{"list_uid":"l1","name":"Expats"},
                   "options":{"autoresponder_event":"AFTER-CAMPAIGN-OPEN","autoresponder_time_value":"3","autoresponder_time_unit":"day",
                              "autoresponder_open_campaign_id":"17","autoresponder_include_imported":"yes","preheader":"Un mot"}},
                  {"campaign_uid":"cd34","name":"Newsletter","type":"regular"}]}}""";

        ExportContents read = MailWizzExportReader.read("campaigns.json", json.getBytes(StandardCharsets.UTF_8));

        assertThat(read.autoresponders()).singleElement().satisfies(ar -> {
            assertThat(ar.uid()).isEqualTo("ab12");
            assertThat(ar.event()).isEqualTo("AFTER-CAMPAIGN-OPEN");
            assertThat(ar.delayValue()).isEqualTo(3);
            assertThat(ar.delayUnit()).isEqualTo("day");
            assertThat(ar.triggerCampaign()).isEqualTo("17");
            assertThat(ar.includeImported()).isTrue();
            assertThat(ar.preheader()).isEqualTo("Un mot");
            assertThat(ar.listName()).isEqualTo("Expats");
        });
        assertThat(read.problems()).singleElement().asString().contains("regular campaign, not an autoresponder");
    }

    @Test
    void readsAutorespondersFromACsvExportWithQuotedFields() {
        String csv = "campaign_uid;name;type;subject;autoresponder_event;autoresponder_time_value;autoresponder_time_unit;content\n"
                + "x1;\"Relance; semaine 1\";autoresponder;\"Une \"\"question\"\"\";AFTER-SUBSCRIBE;1;week;\"<p>Bonjour [FNAME]\n</p>\"\n";

        ExportContents read = MailWizzExportReader.read("ars.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(read.autoresponders()).singleElement().satisfies(ar -> {
            assertThat(ar.name()).isEqualTo("Relance; semaine 1");
            assertThat(ar.subject()).isEqualTo("Une \"question\"");
            assertThat(ar.delayUnit()).isEqualTo("week");
            assertThat(ar.html()).isEqualTo("<p>Bonjour [FNAME]\n</p>");
        });
    }

    @Test
    void aZipBombOrSomethingElseIsRefusedWithAReason() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("big.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 70; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThat(MailWizzExportReader.read("bomb.zip", bytes.toByteArray()).problems()).singleElement().asString()
                .contains("more than 64 MB uncompressed");
        assertThat(MailWizzExportReader.read("notes.docx", new byte[] {1, 2}).problems()).singleElement().asString()
                .contains("not a MailWizz export");
    }

    @Test
    void legacyEncodedHtmlIsDecodedByItsDeclaredCharset() {
        byte[] latin1 = "<html><head><meta charset=\"iso-8859-1\"><title>Caf\u00e9</title></head><body>\u00e9t\u00e9</body></html>"
                .getBytes(StandardCharsets.ISO_8859_1);

        MailWizzTemplate template = MailWizzExportReader.read("cafe.html", latin1).templates().getFirst();

        assertThat(template.subject()).isEqualTo("Café");
        assertThat(template.html()).contains("été");
    }
}
