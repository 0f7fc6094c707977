import accounts from "./accounts.json";
import admin from "./admin.json";
import classrooms from "./classrooms.json";
import common from "./common.json";
import courses from "./courses.json";
import errors from "./errors.json";
import files from "./files.json";
import home from "./home.json";
import pages from "./pages.json";
import projects from "./projects.json";
import h5p from "./h5p.json";
import xapi from "./xapi.json";
import mediation from "./mediation.json";
import places from "./places.json";
import workshops from "./workshops.json";
import badges from "./badges.json";
import business from "./business.json";
import diagnostic from "./diagnostic.json";
import paths from "./paths.json";
import opendata from "./opendata.json";
import reports from "./reports.json";
import record from "./record.json";
import appointments from "./appointments.json";
import notifications from "./notifications.json";
import questions from "./questions.json";
import lti from "./lti.json";

/** One namespace per feature; add a feature's file here in both languages. */
export default { accounts, admin, classrooms, common, courses, errors, files, home, pages, h5p, xapi, mediation, places, workshops, badges, business, diagnostic, paths, opendata, reports, projects, record, appointments, notifications, questions, lti };
