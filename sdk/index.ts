/** `pulumi-notebooks`: notebook instances of Alibaba Cloud PAI-DSW and Huawei Cloud ModelArts as Pulumi resources. */
import * as dsw from "./dsw";
import * as modelarts from "./modelarts";

export { dsw, modelarts };
