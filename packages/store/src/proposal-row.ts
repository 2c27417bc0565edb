/** A row of `proposals` as the database returns it (read by the store and by audit verify). */
export type ProposalRow = {
  id: number;
  negotiation_id: number;
  round: number;
  parent_id: number | null;
  author_role: string;
  author_actor: string | null;
  package: string;
  note: string;
  created_at: string;
};

/** The columns of {@link ProposalRow}, in a SELECT list. */
export const PROPOSAL_COLS =
  "id, negotiation_id, round, parent_id, author_role, author_actor, package, note, created_at";
