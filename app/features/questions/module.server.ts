import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";
import { questionsPersonalData } from "./personal-data.server";
import { canAnswerQuestions } from "./service.server";

export default defineModule({
  name: "questions",
  personalData: [questionsPersonalData],
  nav: [{ to: href("/accompagnement/questions"), labelKey: "questions:nav.queue", section: "staff", order: 45, visible: canAnswerQuestions }],
});
