/** Activities: calls, meetings, e-mails and tasks with assignee, due time, status and result. */
package dev.filial.node.activity;
