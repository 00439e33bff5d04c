// (d) One notebook per team member, declared from a list. Adding a name adds a notebook;
// removing one deletes it. Every notebook stops itself after 8 hours.
import * as pulumi from "@pulumi/pulumi";
import { dsw } from "pulumi-notebooks";

const team = new pulumi.Config().getObject<string[]>("team") ?? ["alice", "bob", "chen"];

const fleet = team.map(
    (member) =>
        new dsw.Instance(`nb-${member}`, {
            workspaceId: "40823",
            instanceName: `nb_${member}`,
            ecsSpec: "ecs.g6.xlarge",
            imageUrl: "registry.cn-hangzhou.aliyuncs.com/pai-dlc/python:3.10-cpu",
            labels: { owner: member },
            shutdownTimer: { remainingTime: "8h" },
        }),
);

export const notebooks = pulumi.all(fleet.map((nb) => pulumi.all([nb.instanceName, nb.jupyterlabUrl]))).apply((rows) => Object.fromEntries(rows));
