#!/usr/bin/env python3
"""Writes a large seed file for the scale benchmark: one public repository, JOBS jobs with
STEPS steps each, JOBS_PER_RUN jobs per run (attempt 1), every field a real seed would carry.
Streams the JSON, so a million jobs need no more memory than one."""
import argparse
import json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--jobs-per-run", type=int, default=1000)
    parser.add_argument("--first-run", type=int, default=50_000_000)
    parser.add_argument("--first-job", type=int, default=900_000_000, help="id of the first job")
    parser.add_argument("--first-index", type=int, default=0, help="where in a larger run this piece starts")
    parser.add_argument("--repository", default="bench/big-repo")
    parser.add_argument("--visibility", default="public", choices=["public", "private", "internal"])
    parser.add_argument("--reader", action="append", default=[], help="a user who may read a private repository")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    with open(args.out, "w") as out:
        owner, name = args.repository.split("/")
        repository = {"owner": owner, "name": name, "visibility": args.visibility, "readers": args.reader}
        out.write('{"repositories": [' + json.dumps(repository) + '],\n"jobs": [\n')
        for index in range(args.first_index, args.first_index + args.jobs):
            minute = index % 50
            steps = [
                {"name": f"Step {number}", "status": "completed", "conclusion": "success", "number": number,
                 "started_at": f"2026-01-01T00:{minute:02d}:{number:02d}Z",
                 "completed_at": f"2026-01-01T00:{minute:02d}:{number + 1:02d}Z"}
                for number in range(1, args.steps + 1)
            ]
            job = {
                "repository": args.repository, "id": args.first_job + index,
                "run_id": args.first_run + index // args.jobs_per_run,
                "name": f"test ({index % 7}, {index % 3})", "workflow_name": "CI", "head_branch": "main",
                "status": "completed", "conclusion": "success",
                "started_at": f"2026-01-01T00:{minute:02d}:00Z", "completed_at": f"2026-01-01T00:{minute:02d}:59Z",
                "labels": ["ubuntu-latest"], "steps": steps,
                "runner_id": index % 20 + 1, "runner_name": f"runner {index % 20 + 1}",
                "runner_group_id": 1, "runner_group_name": "Default",
            }
            out.write(("," if index > args.first_index else "") + json.dumps(job, separators=(",", ":")) + "\n")
        out.write("]}\n")


if __name__ == "__main__":
    main()
