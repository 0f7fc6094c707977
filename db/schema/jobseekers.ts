import type { Generated } from "kysely";

/** A job seeker follows an offer's professional path (decision 046). */
export interface JobPathFollowTable {
  user_id: string;
  offer_id: string;
  followed_at: Generated<Date>;
}

export interface JobSeekersTables {
  job_path_follow: JobPathFollowTable;
}
