import { eraseOutboxForUser, outboxForUser, outboxPruneJob } from "../../lib/mail.server";
import { defineModule } from "../../lib/modules.server";

export default defineModule({
  name: "platform",
  jobs: [outboxPruneJob],
  // Mail to or about the person, pending or sent: it carries their address, first name, maybe a reset link.
  personalData: [{ name: "mail", collect: outboxForUser, erase: eraseOutboxForUser }],
  nav: [
    { to: "/", labelKey: "nav.home", section: "discover", order: 0 },
  ],
});
